import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { BackupRepository, BackupRepositoryProps } from '../../src';
import { nagFindings } from '../nag';

interface Built { readonly stack: Stack; readonly repository: BackupRepository; readonly template: Template }

function build(props: Partial<BackupRepositoryProps> = {}): Built {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-2' } });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const repository = new BackupRepository(stack, 'Repository', { encryptionKey: key, ...props });
  return { stack, repository, template: Template.fromStack(stack) };
}

describe('BackupRepository', () => {
  const { template, repository } = build();

  test('KMS-encrypted with the given key and a bucket key, versioned, public access blocked, retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } },
          }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        ObjectLockEnabled: Match.absent(),
      }),
    });
    expect(repository.region).toBe('eu-west-2');
  });

  test('TLS only: every request without SecureTransport is denied', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        })]),
      },
    });
  });

  test('lifecycle matches the retention: noncurrent versions kept 14 days, current objects left to pgBackRest', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [{
          Id: 'RetentionWindow',
          Status: 'Enabled',
          NoncurrentVersionExpiration: { NoncurrentDays: 14 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          ExpiredObjectDeleteMarker: true,
        }],
      },
    });
    const rule = Object.values(template.findResources('AWS::S3::Bucket'))[0].Properties.LifecycleConfiguration.Rules[0];
    expect(rule.ExpirationInDays).toBeUndefined();
  });

  test('retention and Object Lock (compliance mode for the retention)', () => {
    build({ retention: Duration.days(35), objectLock: true }).template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 35 } } },
      LifecycleConfiguration: { Rules: [Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 35 } })] },
    });
  });

  test('removal policy is a prop', () => {
    build({ removalPolicy: RemovalPolicy.DESTROY }).template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
  });

  test('a retention of 0 days is refused, naming the prop', () => {
    expect(() => build({ retention: Duration.days(0) })).toThrow(
      /^Stack\/Repository: invalid `retention`: got 0\. Use a whole number from 1 to 3650\.$/);
  });

  test('imports a repository from its attributes, with its region', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-2' } });
    const imported = BackupRepository.fromRepositoryAttributes(stack, 'Dr', {
      bucketName: 'tracker-dr-backups', region: 'eu-west-1', encryptionKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/abc',
    });
    expect(imported.region).toBe('eu-west-1');
    expect(imported.bucket.bucketName).toBe('tracker-dr-backups');
    expect(imported.encryptionKey.keyArn).toBe('arn:aws:kms:eu-west-1:111111111111:key/abc');
  });

  test('cdk-nag: no findings', () => {
    expect(nagFindings((stack) => {
      new BackupRepository(stack, 'Repository', { encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) });
    })).toEqual([]);
  });
});
