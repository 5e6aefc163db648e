/**
 * What differs between the two environments, in one place: the same values
 * as the Tracker's apps/tracker/src/config.ts, with this app's own accounts.
 */

export const PROJECT = 'tracker-restapi';
export const REGION = 'eu-west-2';
export const REPOSITORY_URL = 'https://github.com/glimpse-technology/platform-constructs/tree/main/bench/reference-app';
export const RUNBOOK_URL = 'https://github.com/glimpse-technology/platform-constructs/blob/main/apps/tracker/README.md';
/** The shared registry account: repositories `tracker/<image>`. */
export const REGISTRY_ACCOUNT = '123456789012';
export const IMAGE_TAG = 'release-4f3ebae951a368bda79d84632a831a4f266b1bed';
export const COST_CENTRE = 'CC-0000';

export interface Scaling {
  readonly min: number;
  readonly max: number;
  readonly cpuPercent: number;
  /** ALB requests per task to scale on (web services only). */
  readonly requestsPerTarget?: number;
}

export interface TaskSize {
  readonly cpu: number;
  readonly memoryLimitMiB: number;
  readonly scaling?: Scaling;
}

/** Staging runs its own data host. */
export interface DataHostConfig {
  readonly instanceType: string;
  readonly amiId: string;
  readonly dataVolumeGiB: number;
}

/** Production uses the existing data tier in a peered VPC. */
export interface PeeredDataConfig {
  readonly peerVpcId: string;
  readonly peerCidr: string;
  readonly peerRouteTableIds: string[];
  readonly hostedZoneId: string;
  readonly postgresHost: string;
  readonly redisHost: string;
  readonly postgresPasswordArn: string;
  readonly redisPasswordArn: string;
  readonly secretKeyArn: string;
}

export interface EnvironmentConfig {
  readonly stackName: string;
  readonly environment: string;
  readonly account: string;
  readonly hostname: string;
  readonly vpcCidr: string;
  readonly natGateways: number;
  /** Interface endpoints for ECR, logs, Secrets Manager and SSM (production keeps that traffic off the NAT). */
  readonly vpcEndpoints: boolean;
  /** ECS Exec: on in staging, break-glass only in production. */
  readonly ecsExec: boolean;
  readonly wafRateLimit: number;
  readonly sizes: { api: TaskSize; frontend: TaskSize; admin: TaskSize; worker: TaskSize; anisette: TaskSize };
  readonly workerScaling: Scaling;
  /** One paging alarm over the availability alarms. */
  readonly compositeAlarm: boolean;
  readonly dataHost?: DataHostConfig;
  readonly peeredData?: PeeredDataConfig;
}

const SMALL: TaskSize = { cpu: 256, memoryLimitMiB: 512 };

export const STAGING: EnvironmentConfig = {
  stackName: 'ReferenceStaging',
  environment: 'staging',
  account: '111111111111',
  hostname: 'tracker.staging.glimpse.technology',
  vpcCidr: '10.40.0.0/24',
  natGateways: 1,
  vpcEndpoints: false,
  ecsExec: true,
  wafRateLimit: 1000,
  sizes: {
    api: { cpu: 512, memoryLimitMiB: 1024, scaling: { min: 1, max: 2, cpuPercent: 65, requestsPerTarget: 1000 } },
    frontend: { ...SMALL, scaling: { min: 1, max: 2, cpuPercent: 65, requestsPerTarget: 3000 } },
    admin: SMALL,
    worker: SMALL,
    anisette: SMALL,
  },
  workerScaling: { min: 1, max: 2, cpuPercent: 70 },
  compositeAlarm: false,
  dataHost: { instanceType: 't3.medium', amiId: 'ami-0e8d228ad90af673b', dataVolumeGiB: 50 },
};

export const PRODUCTION: EnvironmentConfig = {
  stackName: 'ReferenceProduction',
  environment: 'production',
  account: '222222222222',
  hostname: 'tracker.glimpse.technology',
  vpcCidr: '10.41.0.0/24',
  natGateways: 2,
  vpcEndpoints: true,
  ecsExec: false,
  wafRateLimit: 2000,
  sizes: {
    api: { cpu: 1024, memoryLimitMiB: 2048, scaling: { min: 2, max: 6, cpuPercent: 60, requestsPerTarget: 1000 } },
    frontend: { ...SMALL, scaling: { min: 2, max: 6, cpuPercent: 60, requestsPerTarget: 3000 } },
    admin: SMALL,
    worker: { cpu: 512, memoryLimitMiB: 1024 },
    anisette: SMALL,
  },
  workerScaling: { min: 1, max: 4, cpuPercent: 70 },
  compositeAlarm: true,
  peeredData: {
    peerVpcId: 'vpc-0a7c3e91d2b4f5061',
    peerCidr: '10.20.0.0/16',
    peerRouteTableIds: ['rtb-0c1d2e3f4a5b6c7d8', 'rtb-0d2e3f4a5b6c7d8e9'],
    hostedZoneId: 'Z04567891ABCDEFGHIJKL',
    postgresHost: 'tracker-production.cluster-internal.glimpse.technology',
    redisHost: 'valkey.production.internal.glimpse.technology',
    postgresPasswordArn: 'arn:aws:secretsmanager:eu-west-2:222222222222:secret:tracker/production/postgres_password-Ab12Cd',
    redisPasswordArn: 'arn:aws:secretsmanager:eu-west-2:222222222222:secret:tracker/production/redis_password-Ef34Gh',
    secretKeyArn: 'arn:aws:secretsmanager:eu-west-2:222222222222:secret:tracker/production/secret_key-Ij56Kl',
  },
};
