import * as s3 from 'aws-cdk-lib/aws-s3';
import { nagFindings } from './nag';
test('nag helper reports a bare bucket', () => {
  const f = nagFindings((s) => new s3.Bucket(s, 'B'));
  expect(f).toContain('AwsSolutions-S10 NagStack/B/Resource');
});
