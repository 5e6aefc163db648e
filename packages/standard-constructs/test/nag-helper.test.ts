import { Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { nagFindings } from './nag';

describe('nagFindings', () => {
  test('reports findings of all three packs for a bare bucket', () => {
    const findings = nagFindings((s) => new s3.Bucket(s, 'B'));
    expect(findings).toEqual(expect.arrayContaining([
      'AwsSolutions-S10 NagStack/B/Resource',
      'HIPAA.Security-S3BucketSSLRequestsOnly NagStack/B/Resource',
      'NIST.800.53.R5-S3BucketSSLRequestsOnly NagStack/B/Resource',
    ]));
  });

  test('honours an acknowledgement on the resource', () => {
    const findings = nagFindings((s) => {
      const bucket = new s3.Bucket(s, 'B');
      Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S10', reason: 'test' });
    });
    expect(findings).not.toContain('AwsSolutions-S10 NagStack/B/Resource');
    expect(findings).toContain('HIPAA.Security-S3BucketSSLRequestsOnly NagStack/B/Resource');
  });
});
