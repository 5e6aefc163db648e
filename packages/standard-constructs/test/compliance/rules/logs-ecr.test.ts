import { RemovalPolicy } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { glimpseFindings, ruleFindings } from '../glimpse-findings';

describe('Glimpse-LogGroupRetention and Glimpse-LogGroupEncrypted', () => {
  test('compliant: retention and a KMS key', () => {
    const findings = glimpseFindings((stack) => {
      const encryptionKey = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, encryptionKey });
    });
    expect([...ruleFindings(findings, 'LogGroupRetention'), ...ruleFindings(findings, 'LogGroupEncrypted')]).toEqual([]);
  });

  test('non-compliant: kept forever, not encrypted', () => {
    const findings = glimpseFindings((stack) => {
      new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.INFINITE });
    });
    expect(ruleFindings(findings, 'LogGroupRetention')).toEqual(['Glimpse-LogGroupRetention Test/Logs/Resource']);
    expect(ruleFindings(findings, 'LogGroupEncrypted')).toEqual(['Glimpse-LogGroupEncrypted Test/Logs/Resource']);
  });
});

describe('Glimpse-EcrImmutableTags and Glimpse-EcrScanOnPush', () => {
  test('compliant: immutable tags, scan on push', () => {
    const findings = glimpseFindings((stack) => {
      new ecr.Repository(stack, 'Repo', { imageTagMutability: ecr.TagMutability.IMMUTABLE, imageScanOnPush: true });
    });
    expect([...ruleFindings(findings, 'EcrImmutableTags'), ...ruleFindings(findings, 'EcrScanOnPush')]).toEqual([]);
  });

  test('non-compliant: CDK defaults (mutable, no scanning)', () => {
    const findings = glimpseFindings((stack) => {
      new ecr.Repository(stack, 'Repo', { removalPolicy: RemovalPolicy.RETAIN });
    });
    expect(ruleFindings(findings, 'EcrImmutableTags')).toEqual(['Glimpse-EcrImmutableTags Test/Repo/Resource']);
    expect(ruleFindings(findings, 'EcrScanOnPush')).toEqual(['Glimpse-EcrScanOnPush Test/Repo/Resource']);
  });
});
