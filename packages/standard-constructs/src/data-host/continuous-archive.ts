import { Aws, Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { BackupRepository, IBackupRepository } from './backup-repository';
import { ContinuousArchiveOptions } from './continuous-archive-options';
import { restoreSettings } from './restore-settings';
import { RestoreSource } from './restore-source';
import { acknowledge } from '../internal/acknowledge';
import { iam5ResourceFinding } from '../internal/nag-findings';
import { assertIntegerInRange, assertMatches, invalidProp } from '../internal/validation';

/** Debian 12's pgBackRest: it reads PostgreSQL up to 15. */
export const DEBIAN_PGBACKREST_VERSION = '2.45-1';
/** The oldest pgBackRest that reads each PostgreSQL major version's control file. */
const MIN_PGBACKREST_FOR_POSTGRES: Record<number, [number, number, number]> = { 15: [2, 38, 0], 16: [2, 46, 0], 17: [2, 53, 1] };
/** Where pgBackRest puts its archive/ and backup/ directories in every repository. */
export const REPOSITORY_PATH = 'pgbackrest';
const STANZA = /^[A-Za-z0-9_-]{1,64}$/;

/** Properties of a `ContinuousArchive`. */
export interface ContinuousArchiveProps extends ContinuousArchiveOptions {
  /** Encrypts the repository created when none is given. */
  readonly encryptionKey: kms.IKey;
  readonly defaultStanza: string;
  readonly postgresVersion: number;
  /** @default - no restore: a blank volume gets an empty cluster */
  readonly restore?: RestoreSource;
}

/**
 * The construct side of the bootstrap's pgBackRest archiving (see
 * `assets/data-host/archive.sh`): the repositories, exactly the S3 and KMS
 * permissions pgBackRest needs on the host's own prefixes (read-only on a
 * restored stanza's), and the bootstrap settings.
 */
export class ContinuousArchive extends Construct {
  public readonly repository: IBackupRepository;
  public readonly secondaryRepository?: IBackupRepository;
  public readonly stanza: string;
  public readonly retention: Duration;
  /** KEY=VALUE settings for the bootstrap's configuration. */
  public readonly bootstrapSettings: Record<string, string>;
  private readonly readOnlyStanzas: string[];

  constructor(scope: Construct, id: string, props: ContinuousArchiveProps) {
    super(scope, id);
    // Errors name the host's props, so they are thrown on the host.
    const host = scope;
    this.retention = props.retention ?? Duration.days(14);
    assertIntegerInRange(host, 'continuousArchive.retention', this.retention.toDays({ integral: false }), 1, 3650);
    this.stanza = props.stanza ?? props.defaultStanza;
    assertMatches(host, 'continuousArchive.stanza', this.stanza, STANZA, 'Use 1 to 64 letters, digits, hyphens and underscores.');
    const version = props.pgBackRestVersion ?? (props.postgresVersion === 15 ? DEBIAN_PGBACKREST_VERSION : '');
    assertPgBackRestReads(host, version, props.postgresVersion);
    if (props.repository && props.objectLock) {
      throw invalidProp(host, 'continuousArchive.objectLock', 'true with a given repository',
        'Object Lock is set on the bucket: create the repository with BackupRepository({ objectLock: true }), or drop objectLock.');
    }
    if (props.secondaryRepository) assertOtherRegion(host, props.repository?.region ?? Stack.of(this).region, props.secondaryRepository.region);
    const restore = props.restore ? restoreSettings(host, props.restore, this.stanza) : {};
    const readOnlyStanzas = restore.RESTORE_FROM_STANZA && restore.RESTORE_FROM_STANZA !== this.stanza ? [restore.RESTORE_FROM_STANZA] : [];

    this.repository = props.repository ?? new BackupRepository(this, 'Repository', {
      encryptionKey: props.encryptionKey, retention: this.retention, objectLock: props.objectLock,
    });
    this.secondaryRepository = props.secondaryRepository;
    this.readOnlyStanzas = readOnlyStanzas;
    const options: Record<string, string> = {};
    this.repositories().forEach((repository, index) => {
      Object.assign(options, repositoryOptions(`repo${index + 1}`, repository, this.retention));
    });
    this.bootstrapSettings = {
      PGBACKREST_STANZA: this.stanza,
      ...(version ? { PGBACKREST_PACKAGE_VERSION: version } : {}),
      ...Object.fromEntries(Object.entries(options).map(([name, value]) => [`PGBACKREST_OPTION_${name}`, value])),
      ...restore,
    };
  }

  /** Lets the instance role run pgBackRest against every repository. */
  public grant(role: iam.IRole): void {
    for (const repository of this.repositories()) grantRepository(role, repository, this.stanza, this.readOnlyStanzas);
  }

  private repositories(): IBackupRepository[] {
    return [this.repository, ...(this.secondaryRepository ? [this.secondaryRepository] : [])];
  }
}

/** pgBackRest's settings for one S3 repository: instance-role credentials, SSE-KMS, time-based retention. */
function repositoryOptions(repo: string, repository: IBackupRepository, retention: Duration): Record<string, string> {
  return {
    [`${repo}-type`]: 's3',
    [`${repo}-path`]: `/${REPOSITORY_PATH}`,
    [`${repo}-s3-bucket`]: repository.bucket.bucketName,
    [`${repo}-s3-region`]: repository.region,
    [`${repo}-s3-endpoint`]: `s3.${repository.region}.${Aws.URL_SUFFIX}`,
    [`${repo}-s3-key-type`]: 'auto',
    [`${repo}-s3-kms-key-id`]: repository.encryptionKey.keyArn,
    // Small files bundled into larger objects: far fewer S3 requests per backup.
    [`${repo}-bundle`]: 'y',
    [`${repo}-retention-full-type`]: 'time',
    [`${repo}-retention-full`]: String(retention.toDays()),
  };
}

/**
 * What pgBackRest does in S3, and nothing more: list, read, write and delete
 * under its stanza's archive/ and backup/ prefixes (read-only for a stanza it
 * restores from), and the KMS calls SSE-KMS makes on its behalf.
 */
function grantRepository(role: iam.IRole, repository: IBackupRepository, stanza: string, readOnlyStanzas: string[]): void {
  const prefixes = (s: string) => ['archive', 'backup'].map((kind) => `${REPOSITORY_PATH}/${kind}/${s}/`);
  const own = prefixes(stanza);
  const readOnly = readOnlyStanzas.flatMap(prefixes);
  const objects = (list: string[]) => list.map((prefix) => repository.bucket.arnForObjects(`${prefix}*`));
  const statements = [
    new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [repository.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [...own, ...readOnly].map((prefix) => `${prefix}*`) } },
    }),
    // One level of archive/ and backup/ themselves (which stanzas exist), as pgBackRest's info lists them.
    new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [repository.bucket.bucketArn],
      conditions: { StringEquals: { 's3:prefix': ['archive', 'backup'].map((kind) => `${REPOSITORY_PATH}/${kind}/`), 's3:delimiter': '/' } },
    }),
    new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: objects(own) }),
    ...(readOnly.length ? [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: objects(readOnly) })] : []),
    new iam.PolicyStatement({
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [repository.encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${repository.region}.${Aws.URL_SUFFIX}` } },
    }),
  ];
  for (const statement of statements) role.addToPrincipalPolicy(statement);
  const policy = role.node.tryFindChild('Policy') ?? role;
  for (const arn of [...objects(own), ...objects(readOnly)]) {
    acknowledge(policy, [iam5ResourceFinding(role, arn)],
      'pgBackRest names its objects after WAL segments and backup labels: the wildcard is the stanza\'s own prefix in the repository.');
  }
}

function assertOtherRegion(scope: Construct, primary: string, secondary: string): void {
  const here = Stack.of(scope).region;
  if (Token.isUnresolved(secondary)) {
    throw invalidProp(scope, 'continuousArchive.secondaryRepository', 'its region is not known at synth',
      'Import it with BackupRepository.fromRepositoryAttributes and an explicit region.');
  }
  if (!Token.isUnresolved(primary) && primary === secondary) {
    throw invalidProp(scope, 'continuousArchive.secondaryRepository', `it is in ${secondary}, the region of the first repository`,
      `Put the second repository in another region than ${primary}, so that it survives the loss of the first one's.`);
  }
  if (Token.isUnresolved(primary) && Token.isUnresolved(here)) {
    throw invalidProp(scope, 'continuousArchive.secondaryRepository', 'the stack has no region, so the two repositories cannot be told apart',
      'Give the stack an explicit env.region.');
  }
}

function parseVersion(version: string): [number, number, number] | undefined {
  const match = /^(?:\d+:)?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

/** Refuses a pinned pgBackRest that cannot read the cluster's PostgreSQL version. */
function assertPgBackRestReads(scope: Construct, version: string, postgresVersion: number): void {
  if (!version) return;
  const parsed = parseVersion(version);
  if (!parsed) {
    throw invalidProp(scope, 'continuousArchive.pgBackRestVersion', `got '${version}'`, 'Give a Debian package version, e.g. 2.45-1.');
  }
  const needed = MIN_PGBACKREST_FOR_POSTGRES[postgresVersion];
  const difference = needed ? parsed.map((part, i) => part - needed[i]).find((d) => d !== 0) ?? 0 : 0;
  const older = difference < 0;
  if (older) {
    throw invalidProp(scope, 'continuousArchive.pgBackRestVersion', `pgBackRest ${version} cannot read PostgreSQL ${postgresVersion}`,
      `Use pgBackRest ${needed.join('.')} or later (apt.postgresql.org), or leave it unset.`);
  }
}
