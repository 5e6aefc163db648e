import { Match, Template } from 'aws-cdk-lib/assertions';
import { ExternalDnsCertificate, ExternalDnsCertificateProps } from '../../src';
import { nagFindings } from '../nag';
import { edgeStack } from './fixtures';
import { resourceCounts } from '../resource-counts';

const HOST = 'tracker.staging.glimpse.technology';
/** Logical id of the certificate (CDK drops the repeated `Certificate/Certificate`). */
const CERTIFICATE = 'CertificateBDDE2430';

function build(props: Partial<ExternalDnsCertificateProps> = {}) {
  const stack = edgeStack();
  const cert = new ExternalDnsCertificate(stack, 'Certificate', { domainName: HOST, ...props });
  return { cert, template: Template.fromStack(stack) };
}

describe('ExternalDnsCertificate', () => {
  test('DNS validation with no Route 53 zone', () => {
    build().template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: HOST,
      ValidationMethod: 'DNS',
      DomainValidationOptions: Match.absent(),
    });
  });

  test('validation CNAME name and value are stack outputs, read from the certificate', () => {
    const { template } = build();
    const call = Object.values(template.findResources('Custom::AWS'))[0].Properties.Create['Fn::Join'][1];
    expect(call).toEqual([
      '{"service":"ACM","action":"describeCertificate","parameters":{"CertificateArn":"',
      { Ref: CERTIFICATE },
      '"},"physicalResourceId":{"id":"',
      { Ref: CERTIFICATE },
      '"},"outputPaths":["Certificate.DomainValidationOptions.0.ResourceRecord.Name","Certificate.DomainValidationOptions.0.ResourceRecord.Value"]}',
    ]);
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs)).toEqual([
      expect.stringMatching(/^CertificateValidationRecord1Name/),
      expect.stringMatching(/^CertificateValidationRecord1Value/),
    ]);
    expect(Object.values(outputs)[0].Value).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^CertificateValidationRecords/), 'Certificate.DomainValidationOptions.0.ResourceRecord.Name'],
    });
  });

  test('the custom resource may only describe this certificate', () => {
    build().template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{ Action: 'acm:DescribeCertificate', Effect: 'Allow', Resource: { Ref: CERTIFICATE } }],
      },
    });
  });

  test('one pair of outputs per name, alternative names included', () => {
    const { template, cert } = build({ subjectAlternativeNames: ['admin.staging.glimpse.technology'] });
    template.hasResourceProperties('AWS::CertificateManager::Certificate', { SubjectAlternativeNames: ['admin.staging.glimpse.technology'] });
    expect(cert.validationRecordOutputs).toHaveLength(4);
  });

  test('outputs can be turned off', () => {
    const { template } = build({ outputValidationRecords: false });
    expect(template.findOutputs('*')).toEqual({});
    template.resourceCountIs('Custom::AWS', 0);
  });

  test('rejects an invalid domain name', () => {
    expect(() => build({ domainName: 'https://tracker.example.com' })).toThrow(/invalid `domainName`: got 'https:\/\/tracker.example.com'. Give a fully qualified DNS name/);
  });

  test('rejects an invalid alternative name', () => {
    expect(() => build({ subjectAlternativeNames: ['localhost'] })).toThrow(/invalid `subjectAlternativeNames`: got 'localhost'/);
  });

  test('cdk-nag clean', () => {
    expect(nagFindings((stack) => new ExternalDnsCertificate(stack, 'Certificate', { domainName: HOST }))).toEqual([]);
  });

  test('creates the certificate and the read-back custom resource, nothing else', () => {
    expect(resourceCounts(build().template)).toEqual({
      'AWS::CertificateManager::Certificate': 1,
      'AWS::IAM::Policy': 1,
      'AWS::IAM::Role': 1,
      'AWS::Lambda::Function': 1,
      'Custom::AWS': 1,
    });
  });
});
