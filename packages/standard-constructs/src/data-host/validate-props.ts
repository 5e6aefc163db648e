import { Duration, RemovalPolicy, Size, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { DebianBookwormImage } from './debian-image';
import { assertIntegerInRange, assertMatches, invalidProp } from '../internal/validation';

/** PostgreSQL major versions the bootstrap script installs (PGDG + Timescale packages exist for them). */
export const SUPPORTED_POSTGRES_VERSIONS = [15, 16, 17];
/** The smallest data volume: PostgreSQL, WAL and TimescaleDB chunks of a small service. */
export const MIN_DATA_VOLUME_GIB = 20;
/** Sizes with less than 2 GiB of memory: too small for PostgreSQL, TimescaleDB and Valkey together. */
const TOO_SMALL_SIZES = new Set(['nano', 'micro']);
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/([0-9]|[12][0-9]|3[0-2])$/;
const SNAPSHOT_ID = /^snap-([0-9a-f]{8}|[0-9a-f]{17})$/;
const DEVICE_NAME = /^\/dev\/[a-z][a-z0-9]*$/;
/** Instance families whose CPU credits can be configured. */
const BURSTABLE = /^t[234]g?a?\./;

/** The validated inputs that have limits; each failure names the prop and the fix. */
export interface DataHostLimits {
  readonly instanceType: ec2.InstanceType;
  readonly dataVolumeSize: Size;
  readonly dataVolumeIops: number;
  readonly dataVolumeThroughput: number;
  readonly dataVolumeRemovalPolicy: RemovalPolicy;
  readonly postgresVersion: number;
  readonly maxConnections: number;
  readonly applicationUser: string;
  readonly applicationDatabase: string;
  readonly clientCidrs: string[];
  readonly backupRetention: Duration;
  readonly bootstrapTimeout: Duration;
  readonly rootVolumeSize: Size;
  readonly rootDeviceName: string;
  readonly agentMetricsNamespace: string;
  readonly cpuCredits?: ec2.CpuCredits;
  readonly dataVolumeSnapshotId?: string;
}

export function validateDataHostLimits(scope: IConstruct, p: DataHostLimits): void {
  const size = p.instanceType.toString().split('.')[1];
  if (TOO_SMALL_SIZES.has(size)) {
    throw invalidProp(scope, 'instanceType', `${p.instanceType} has less than 2 GiB of memory`,
      'Use an instance type with at least 2 GiB, e.g. t3.medium (the default, 4 GiB).');
  }
  if (!SUPPORTED_POSTGRES_VERSIONS.includes(p.postgresVersion)) {
    throw invalidProp(scope, 'postgresVersion', `got ${p.postgresVersion}`,
      `The bootstrap script supports PostgreSQL ${SUPPORTED_POSTGRES_VERSIONS.join(', ')}.`);
  }
  const gib = p.dataVolumeSize.toGibibytes();
  assertIntegerInRange(scope, 'dataVolumeSize', gib, MIN_DATA_VOLUME_GIB, 16384);
  assertIntegerInRange(scope, 'dataVolumeIops', p.dataVolumeIops, 3000, 16000);
  assertIntegerInRange(scope, 'dataVolumeThroughput', p.dataVolumeThroughput, 125, 1000);
  if (p.dataVolumeIops > gib * 500) {
    throw invalidProp(scope, 'dataVolumeIops', `${p.dataVolumeIops} IOPS exceed gp3's 500 per GiB of a ${gib} GiB volume`,
      `Lower the IOPS to at most ${gib * 500} or grow dataVolumeSize.`);
  }
  if (p.dataVolumeThroughput > p.dataVolumeIops / 4) {
    throw invalidProp(scope, 'dataVolumeThroughput', `${p.dataVolumeThroughput} MiB/s exceed gp3's 0.25 MiB/s per IOPS`,
      `Lower the throughput to at most ${Math.floor(p.dataVolumeIops / 4)} MiB/s or raise dataVolumeIops.`);
  }
  if (p.dataVolumeRemovalPolicy === RemovalPolicy.DESTROY) {
    throw invalidProp(scope, 'dataVolumeRemovalPolicy', 'DESTROY deletes the database with the volume',
      'Use RemovalPolicy.SNAPSHOT (the default) or RemovalPolicy.RETAIN.');
  }
  assertIntegerInRange(scope, 'maxConnections', p.maxConnections, 20, 5000);
  const pgIdentifier = 'Use lowercase letters, digits and underscores, starting with a letter or underscore, e.g. tracker.';
  assertMatches(scope, 'applicationUser', p.applicationUser, IDENTIFIER, pgIdentifier);
  assertMatches(scope, 'applicationDatabase', p.applicationDatabase, IDENTIFIER, pgIdentifier);
  if (p.clientCidrs.length === 0) {
    throw invalidProp(scope, 'clientCidrs', 'no client range given, so no client could ever log in',
      'Give the IPv4 ranges of the clients, e.g. the VPC CIDR (the default).');
  }
  for (const cidr of p.clientCidrs) {
    if (!Token.isUnresolved(cidr) && cidr.startsWith('0.0.0.0/')) {
      throw invalidProp(scope, 'clientCidrs', `'${cidr}' admits password logins from anywhere`, 'Give the clients\' private ranges.');
    }
    assertMatches(scope, 'clientCidrs', cidr, CIDR, 'Give IPv4 CIDR blocks, e.g. 10.40.0.0/24.');
  }
  assertIntegerInRange(scope, 'backupRetention', p.backupRetention.toDays(), 1, 36500);
  assertIntegerInRange(scope, 'bootstrapTimeout', p.bootstrapTimeout.toMinutes(), 5, 720);
  validateInstanceOptions(scope, p);
}

/** Props that only matter to part of the host, validated whenever they are given. */
function validateInstanceOptions(scope: IConstruct, p: DataHostLimits): void {
  assertIntegerInRange(scope, 'rootVolumeSize', p.rootVolumeSize.toGibibytes(), 8, 16384);
  assertMatches(scope, 'rootDeviceName', p.rootDeviceName, DEVICE_NAME, 'Give the image\'s root device, e.g. /dev/xvda (Debian).');
  if (p.cpuCredits !== undefined && !BURSTABLE.test(p.instanceType.toString())) {
    throw invalidProp(scope, 'cpuCredits', `${p.instanceType} is not a burstable (T) instance type, so it has no CPU credits`,
      'Leave cpuCredits unset, or choose a T instance type.');
  }
  assertMatches(scope, 'dataVolumeSnapshotId', p.dataVolumeSnapshotId, SNAPSHOT_ID, 'Give an EBS snapshot id, e.g. snap-0123456789abcdef0.');
  if (!Token.isUnresolved(p.agentMetricsNamespace)
    && (p.agentMetricsNamespace.length === 0 || p.agentMetricsNamespace.length > 255 || p.agentMetricsNamespace.startsWith('AWS/'))) {
    throw invalidProp(scope, 'agentMetricsNamespace', `got '${p.agentMetricsNamespace}'`,
      'Use 1 to 255 characters not starting with AWS/ (reserved for AWS services), e.g. CWAgent.');
  }
}

/** Throws when the instance type cannot boot the image's architecture. */
export function assertArchitecture(scope: IConstruct, image: ec2.IMachineImage, instanceType: ec2.InstanceType): void {
  if (image instanceof DebianBookwormImage && image.architecture !== instanceType.architecture) {
    throw invalidProp(scope, 'instanceType', `${instanceType} is ${instanceType.architecture} but the image ${image.release} is ${image.architecture}`,
      'Choose an instance type of the image\'s architecture, or an image release of the instance\'s.');
  }
}
