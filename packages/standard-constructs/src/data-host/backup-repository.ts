import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, hipaaAndNist } from '../internal/acknowledge';
import { assertIntegerInRange } from '../internal/validation';

/** An S3 bucket that holds pgBackRest repositories (one prefix per stanza), and where it is. */
export interface IBackupRepository {
  /** The bucket. */
  readonly bucket: s3.IBucket;
  /** The key the bucket's objects are encrypted with (SSE-KMS). */
  readonly encryptionKey: kms.IKey;
  /** The bucket's region: pgBackRest signs its requests for it and uses its endpoint. */
  readonly region: string;
}

/** A repository created elsewhere (another stack, region or account). */
export interface BackupRepositoryAttributes {
  /** The bucket's name. */
  readonly bucketName: string;
  /** The bucket's region. */
  readonly region: string;
  /** ARN of the bucket's KMS key. */
  readonly encryptionKeyArn: string;
}

/** Properties of a `BackupRepository`. */
export interface BackupRepositoryProps {
  /** Encrypts every object (SSE-KMS, with an S3 bucket key). */
  readonly encryptionKey: kms.IKey;
  /**
   * How long a deleted or overwritten object version stays recoverable; set it to
   * the hosts' archive retention. pgBackRest expires current objects itself.
   * @default Duration.days(14)
   */
  readonly retention?: Duration;
  /**
   * S3 Object Lock in compliance mode: every object version is immutable, even
   * for the account's root user, for `retention` after it is written.
   * @default false
   */
  readonly objectLock?: boolean;
  /**
   * What happens to the bucket when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The S3 bucket of pgBackRest repositories: KMS-encrypted, versioned,
 * TLS-only, public access blocked, retained on delete, with a lifecycle
 * matching the retention (noncurrent versions kept `retention`, incomplete
 * uploads aborted after a day) and optionally S3 Object Lock.
 *
 * Current objects never expire by age: pgBackRest deletes what its time-based
 * retention no longer needs, and a lifecycle rule cannot know that the oldest
 * full backup is still the base of the restore window.
 */
export class BackupRepository extends Construct implements IBackupRepository {
  /** Imports a repository from its attributes, e.g. a second one in another region for `continuousArchive.secondaryRepository`. */
  public static fromRepositoryAttributes(scope: Construct, id: string, attrs: BackupRepositoryAttributes): IBackupRepository {
    const imported = new Construct(scope, id);
    return {
      bucket: s3.Bucket.fromBucketAttributes(imported, 'Bucket', { bucketName: attrs.bucketName, region: attrs.region }),
      encryptionKey: kms.Key.fromKeyArn(imported, 'Key', attrs.encryptionKeyArn),
      region: attrs.region,
    };
  }

  public readonly bucket: s3.IBucket;
  public readonly encryptionKey: kms.IKey;
  public readonly region: string;

  constructor(scope: Construct, id: string, props: BackupRepositoryProps) {
    super(scope, id);
    const retention = props.retention ?? Duration.days(14);
    assertIntegerInRange(this, 'retention', retention.toDays({ integral: false }), 1, 3650);
    this.encryptionKey = props.encryptionKey;
    this.region = Stack.of(this).region;
    const bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      versioned: true,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      objectLockEnabled: props.objectLock ? true : undefined,
      objectLockDefaultRetention: props.objectLock ? s3.ObjectLockRetention.compliance(retention) : undefined,
      lifecycleRules: [{
        id: 'RetentionWindow',
        noncurrentVersionExpiration: retention,
        abortIncompleteMultipartUploadAfter: Duration.days(1),
        expiredObjectDeleteMarker: true,
      }],
    });
    const accessLogReason = 'Only the data hosts\' instance roles write here, through pgBackRest; the repository\'s own '
      + 'backup.info/archive.info history and CloudTrail record changes. Access logs would need a second, SSE-S3 bucket per repository.';
    acknowledge(bucket, ['AwsSolutions-S1', ...hipaaAndNist('S3BucketLoggingEnabled')], accessLogReason);
    const replicationReason = 'A second repository in another region is an option of the data host\'s continuous archive '
      + '(secondaryRepository): pgBackRest writes both, so a replication rule would copy the same objects twice.';
    acknowledge(bucket, hipaaAndNist('S3BucketReplicationEnabled'), replicationReason);
    this.bucket = bucket;
  }
}
