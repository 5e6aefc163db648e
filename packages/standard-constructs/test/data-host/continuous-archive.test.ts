import { App, Aws, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { BackupRepository, DebianBookwormImage, RestoreSource, TimescaleDataHost, TimescaleDataHostProps } from '../../src';
import { importedVpc } from '../imported-vpc';
import { nagFindings } from '../nag';
import { bootstrapConfigValue } from './data-host-fixture';

const DR_KEY = 'arn:aws:kms:eu-west-1:111111111111:key/22222222-3333-4444-5555-666666666666';

function addHost(stack: Stack, props: Partial<TimescaleDataHostProps> = {}): TimescaleDataHost {
  const vpc = importedVpc(stack);
  const host = new TimescaleDataHost(stack, 'DataHost', {
    vpc,
    encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
    projectName: 'tracker-restapi',
    environmentName: 'staging',
    applicationUser: 'tracker',
    applicationDatabase: 'tracker',
    machineImage: new DebianBookwormImage({ release: 'debian-12-amd64-20250316-2053', amiIds: { 'eu-west-2': 'ami-0123456789abcdef0' } }),
    ...props,
  });
  host.allowFrom(new ec2.SecurityGroup(stack, 'Client', { vpc, allowAllOutbound: false }));
  return host;
}

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-2' } });
}

function build(props: (stack: Stack) => Partial<TimescaleDataHostProps> = () => ({})): { host: TimescaleDataHost; template: Template } {
  const stack = newStack();
  const host = addHost(stack, props(stack));
  return { host, template: Template.fromStack(stack) };
}

/** The bootstrap configuration's lines, with CloudFormation references shown as `<Ref>` / `<Res.Attr>`. */
function configLines(template: Template): string[] {
  const value = bootstrapConfigValue(template);
  const render = (v: unknown): string => {
    if (typeof v === 'string') return v;
    const o = v as Record<string, unknown>;
    if (Array.isArray(o['Fn::Join'])) return (o['Fn::Join'][1] as unknown[]).map(render).join(o['Fn::Join'][0] as string);
    if (typeof o.Ref === 'string') return `<${o.Ref.replace(/[0-9A-F]{8}$/, '')}>`;
    if (Array.isArray(o['Fn::GetAtt'])) return `<${String(o['Fn::GetAtt'][0]).replace(/[0-9A-F]{8}$/, '')}.${o['Fn::GetAtt'][1]}>`;
    return JSON.stringify(v);
  };
  return render(value).split('\n').filter((line) => /^(PGBACKREST_|RESTORE_)/.test(line));
}

function hostStatements(template: Template): Array<Record<string, any>> {
  return Object.values(template.findResources('AWS::IAM::ManagedPolicy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

const BUCKET_ARN = { 'Fn::GetAtt': [expect.stringMatching(/^DataHostArchiveRepositoryBucket/), 'Arn'] };
const objectsUnder = (prefix: string) => ({ 'Fn::Join': ['', [BUCKET_ARN, `/${prefix}*`]] });

describe('TimescaleDataHost continuous archive (pgBackRest)', () => {
  const { template, host } = build();

  test('creates one retained, KMS-encrypted, versioned repository with a 14-day window', () => {
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: { Rules: [Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 14 } })] },
      }),
    });
    expect(host.backupRepository.region).toBe('eu-west-2');
  });

  test('the bootstrap configuration: stanza, S3 repository through the instance role, SSE-KMS, 14 days of time-based retention', () => {
    expect(configLines(template)).toEqual([
      'PGBACKREST_STANZA=tracker-restapi-staging',
      'PGBACKREST_OPTION_repo1-type=s3',
      'PGBACKREST_OPTION_repo1-path=/pgbackrest',
      'PGBACKREST_OPTION_repo1-s3-bucket=<DataHostArchiveRepositoryBucket>',
      'PGBACKREST_OPTION_repo1-s3-region=eu-west-2',
      'PGBACKREST_OPTION_repo1-s3-endpoint=s3.eu-west-2.<AWS::URLSuffix>',
      'PGBACKREST_OPTION_repo1-s3-key-type=auto',
      'PGBACKREST_OPTION_repo1-s3-kms-key-id=<Key.Arn>',
      'PGBACKREST_OPTION_repo1-bundle=y',
      'PGBACKREST_OPTION_repo1-retention-full-type=time',
      'PGBACKREST_OPTION_repo1-retention-full=14',
    ]);
  });

  test('PostgreSQL 15 pins Debian\'s pgBackRest; 16 and 17 take a pinned version when given', () => {
    expect(configLines(build(() => ({ postgresVersion: 15 })).template)).toContain('PGBACKREST_PACKAGE_VERSION=2.45-1');
    expect(configLines(template).some((line) => line.startsWith('PGBACKREST_PACKAGE_VERSION='))).toBe(false);
    expect(configLines(build(() => ({ continuousArchive: { pgBackRestVersion: '2.58.0-1.pgdg120+1' } })).template))
      .toContain('PGBACKREST_PACKAGE_VERSION=2.58.0-1.pgdg120+1');
  });

  test('the role may list, read, write and delete under its own stanza\'s prefixes only, and use the key through S3 only', () => {
    const archive = hostStatements(template).filter((s) => /s3:(List|Get|Put|Delete)|kms:/.test(JSON.stringify(s.Action))
      && !JSON.stringify(s.Resource).includes('cdk-hnb659fds-assets'));
    expect(archive).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: BUCKET_ARN,
        Condition: { StringLike: { 's3:prefix': ['pgbackrest/archive/tracker-restapi-staging/*', 'pgbackrest/backup/tracker-restapi-staging/*'] } },
      },
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: BUCKET_ARN,
        Condition: { StringEquals: { 's3:prefix': ['pgbackrest/archive/', 'pgbackrest/backup/'], 's3:delimiter': '/' } },
      },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: [objectsUnder('pgbackrest/archive/tracker-restapi-staging/'), objectsUnder('pgbackrest/backup/tracker-restapi-staging/')],
      },
      {
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['s3.eu-west-2.', { Ref: 'AWS::URLSuffix' }]] } } },
      },
    ]);
  });

  test('walArchiveAgeMetric and lastBackupAgeMetric: published ages in seconds by InstanceId in the agent namespace', () => {
    const stack = newStack();
    const withNamespace = addHost(stack, { agentMetricsNamespace: 'Tracker/DataHost' });
    for (const [metric, name] of [
      [withNamespace.walArchiveAgeMetric, 'postgresql_wal_archive_age'],
      [withNamespace.lastBackupAgeMetric, 'pgbackrest_last_backup_age'],
    ] as Array<[cloudwatch.IMetric | undefined, string]>) {
      const stat = metric!.toMetricConfig().metricStat!;
      expect(stat.period.toSeconds()).toBe(60);
      expect(stack.resolve(stat)).toEqual(expect.objectContaining({
        namespace: 'Tracker/DataHost',
        metricName: name,
        statistic: 'Maximum',
        unitFilter: 'Seconds',
        dimensions: [{ name: 'InstanceId', value: { Ref: expect.stringMatching(/^DataHostInstance/) } }],
      }));
    }
  });

  test('retention and Object Lock reach the repository and pgBackRest', () => {
    const { template: t } = build(() => ({ continuousArchive: { retention: Duration.days(30), objectLock: true } }));
    t.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 30 } } },
    });
    expect(configLines(t)).toContain('PGBACKREST_OPTION_repo1-retention-full=30');
  });

  test('a second repository in another region: pgBackRest writes both, the role gets the same rights there', () => {
    const { template: t } = build((stack) => ({
      continuousArchive: {
        secondaryRepository: BackupRepository.fromRepositoryAttributes(stack, 'Dr', {
          bucketName: 'tracker-dr-backups', region: 'eu-west-1', encryptionKeyArn: DR_KEY,
        }),
      },
    }));
    expect(configLines(t).filter((line) => line.includes('repo2-'))).toEqual(expect.arrayContaining([
      'PGBACKREST_OPTION_repo2-s3-bucket=tracker-dr-backups',
      'PGBACKREST_OPTION_repo2-s3-region=eu-west-1',
      'PGBACKREST_OPTION_repo2-s3-endpoint=s3.eu-west-1.<AWS::URLSuffix>',
      `PGBACKREST_OPTION_repo2-s3-kms-key-id=${DR_KEY}`,
    ]));
    const statements = hostStatements(t);
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: [
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::tracker-dr-backups/pgbackrest/archive/tracker-restapi-staging/*']] },
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::tracker-dr-backups/pgbackrest/backup/tracker-restapi-staging/*']] },
        ],
      }),
      expect.objectContaining({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: DR_KEY }),
    ]));
  });

  test('restore: latest from its own stanza, or a point in time from another host\'s stanza (read-only there)', () => {
    expect(configLines(build(() => ({ restore: RestoreSource.latest() })).template))
      .toEqual(expect.arrayContaining(['RESTORE_TARGET=latest', 'RESTORE_FROM_STANZA=tracker-restapi-staging']));
    const { template: t } = build(() => ({
      continuousArchive: { stanza: 'tracker-restapi-staging-pitr' },
      restore: RestoreSource.pointInTime(new Date('2026-01-15T09:30:00.250Z'), { stanza: 'tracker-restapi-staging' }),
    }));
    expect(configLines(t)).toEqual(expect.arrayContaining([
      'PGBACKREST_STANZA=tracker-restapi-staging-pitr',
      'RESTORE_TARGET=2026-01-15 09:30:00.250+00',
      'RESTORE_FROM_STANZA=tracker-restapi-staging',
    ]));
    const statements = hostStatements(t);
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({
        Action: 's3:GetObject',
        Resource: [objectsUnder('pgbackrest/archive/tracker-restapi-staging/'), objectsUnder('pgbackrest/backup/tracker-restapi-staging/')],
      }),
    ]));
    const writes = statements.filter((s) => JSON.stringify(s.Action).includes('s3:PutObject'));
    expect(JSON.stringify(writes)).not.toMatch(/tracker-restapi-staging\/\*/);
  });

  test('cdk-nag: no findings with a second repository, Object Lock and a restore', () => {
    expect(nagFindings((stack) => addHost(stack, {
      continuousArchive: {
        objectLock: true,
        secondaryRepository: BackupRepository.fromRepositoryAttributes(stack, 'Dr', {
          bucketName: 'tracker-dr-backups', region: 'eu-west-1', encryptionKeyArn: DR_KEY,
        }),
      },
      restore: RestoreSource.latest(),
    }))).toEqual([]);
  });

  describe('bad input fails synthesis, naming the prop', () => {
    const path = 'Stack/DataHost';
    test.each([
      ['a retention of 0', () => ({ continuousArchive: { retention: Duration.days(0) } }),
        `${path}: invalid \`continuousArchive.retention\`: got 0. Use a whole number from 1 to 3650.`],
      ['a retention of part of a day', () => ({ continuousArchive: { retention: Duration.hours(36) } }),
        `${path}: invalid \`continuousArchive.retention\`: got 1.5. Use a whole number from 1 to 3650.`],
      ['a restore time in the future', () => ({ restore: RestoreSource.pointInTime(new Date(Date.now() + 3_600_000)) }),
        /^Stack\/DataHost: invalid `restore`: the point in time \S+ is in the future\. Give a time in the past/],
      ['an invalid restore time', () => ({ restore: RestoreSource.pointInTime(new Date('not a time')) }),
        `${path}: invalid \`restore\`: the point in time is an invalid Date. Give RestoreSource.pointInTime a valid Date.`],
      ['a second repository in the first one\'s region', (stack: Stack) => ({
        continuousArchive: {
          secondaryRepository: BackupRepository.fromRepositoryAttributes(stack, 'Same', {
            bucketName: 'tracker-other-backups', region: 'eu-west-2', encryptionKeyArn: DR_KEY,
          }),
        },
      }), `${path}: invalid \`continuousArchive.secondaryRepository\`: it is in eu-west-2, the region of the first repository. `
        + 'Put the second repository in another region than eu-west-2, so that it survives the loss of the first one\'s.'],
      ['Object Lock on a repository given from elsewhere', (stack: Stack) => ({
        continuousArchive: {
          objectLock: true,
          repository: BackupRepository.fromRepositoryAttributes(stack, 'Given', {
            bucketName: 'tracker-backups', region: 'eu-west-2', encryptionKeyArn: DR_KEY,
          }),
        },
      }), /^Stack\/DataHost: invalid `continuousArchive\.objectLock`: true with a given repository\./],
      ['a pgBackRest too old for PostgreSQL 16', () => ({ continuousArchive: { pgBackRestVersion: '2.45-1' } }),
        `${path}: invalid \`continuousArchive.pgBackRestVersion\`: pgBackRest 2.45-1 cannot read PostgreSQL 16. `
        + 'Use pgBackRest 2.46.0 or later (apt.postgresql.org), or leave it unset.'],
      ['a stanza with a slash', () => ({ continuousArchive: { stanza: 'tracker/staging' } }),
        /^Stack\/DataHost: invalid `continuousArchive\.stanza`: got 'tracker\/staging'\./],
    ])('%s', (_name, props: (stack: Stack) => Partial<TimescaleDataHostProps>, message: string | RegExp) => {
      const stack = newStack();
      expect(() => addHost(stack, props(stack))).toThrow(message);
      // Thrown before the repository exists.
      expect(stack.node.tryFindChild('DataHost')?.node.tryFindChild('Archive')?.node.tryFindChild('Repository')).toBeUndefined();
    });

    test('a second repository whose region is unknown at synth', () => {
      const stack = newStack();
      const imported = BackupRepository.fromRepositoryAttributes(stack, 'X', { bucketName: 'tracker-dr-backups', region: 'eu-west-1', encryptionKeyArn: DR_KEY });
      const unknown = { bucket: imported.bucket, encryptionKey: imported.encryptionKey, region: Aws.REGION };
      expect(() => addHost(stack, { continuousArchive: { secondaryRepository: unknown } })).toThrow(
        /invalid `continuousArchive\.secondaryRepository`: its region is not known at synth\./);
    });
  });
});
