import { GlimpseAccounts } from '@glimpse/standard-constructs';

/**
 * Tracker's environments: everything that differs between staging and
 * production, in one typed place. Stacks only compose the library.
 *
 * CONFIRM before the first deployment: values the seed documents do not
 * give are marked `CONFIRM` below (image SHAs, the pinned AMI id, the
 * worker commands, and the existing production VPC, route tables, hosts and
 * secret ARNs). They are well-formed so that synth and tests run offline.
 */

/** Image tags (git SHAs) of the four images in the shared registry's `tracker/<app>` repositories. */
export interface ImageTags {
  readonly api: string;
  readonly frontend: string;
  readonly admin: string;
  readonly anisette: string;
}

/** CPU units and memory (MiB) of one Fargate task, and how many run. */
export interface TaskSize {
  readonly cpu: number;
  readonly memoryLimitMiB: number;
  /** @default 1 */
  readonly desiredCount?: number;
}

/** A TaskiQ worker: a service running the API image with another command. */
export interface WorkerConfig {
  /** ECS service name, e.g. `tracker-fetcher-2`. */
  readonly name: string;
  /** The command override. */
  readonly command: string[];
  /** Mounts the shared EFS `/data` and gets `ANISETTE_SERVER` (only the fetcher does). */
  readonly needsData?: boolean;
  /** Runs on Fargate Spot (workers tolerate interruptions). */
  readonly spot?: boolean;
}

/** The self-hosted TimescaleDB + Valkey host (staging). */
export interface DataHostConfig {
  readonly instanceType: string;
  /** The Debian 12 AMI name the id belongs to (a reviewed pin, never "latest"). */
  readonly amiRelease: string;
  readonly amiId: string;
  readonly dataVolumeGiB: number;
}

/** The existing production data tier, reached through VPC peering (production). */
export interface ExistingDataStoresConfig {
  /** The existing production VPC that holds the TimescaleDB cluster and Valkey. */
  readonly peerVpcId: string;
  readonly peerCidr: string;
  readonly peerOwnerAccount: string;
  /** Route tables of the peer VPC that get the return route (same account only). */
  readonly peerRouteTableIds: string[];
  readonly postgresHost: string;
  readonly postgresPort: number;
  readonly postgresUser: string;
  readonly postgresDatabase: string;
  /** Complete ARNs of the existing secrets. */
  readonly postgresPasswordSecretArn: string;
  readonly postgresPasswordField?: string;
  readonly redisHost: string;
  readonly redisPort: number;
  readonly redisPasswordSecretArn: string;
  readonly redisPasswordField?: string;
  readonly redisTls: boolean;
  readonly secretKeySecretArn: string;
  /** The KMS key the existing secrets are encrypted with, if a customer-managed one. */
  readonly secretsKeyArn?: string;
}

/** Alarm settings. */
export interface AlarmConfig {
  readonly runbookUrl: string;
  /** A composite "service unhealthy" alarm for the on-call channel. */
  readonly serviceUnhealthyAlarm: boolean;
  /** Roll deployments back while the service's 5xx/latency alarms are in ALARM. */
  readonly rollbackOnAlarm: boolean;
}

export interface TrackerEnvironmentConfig {
  /** CloudFormation stack name, `Tracker<Env>`. */
  readonly stackName: string;
  readonly environmentName: string;
  readonly account: string;
  readonly region: string;
  readonly projectName: string;
  /** Public host name; its DNS zone is in Cloudflare. */
  readonly hostname: string;
  readonly vpcCidr: string;
  readonly natGateways: number;
  /** VPC interface endpoints for ECR, logs, Secrets Manager and SSM (saves NAT data charges). */
  readonly vpcEndpoints: boolean;
  readonly imageTags: ImageTags;
  readonly sizes: {
    readonly api: TaskSize;
    readonly frontend: TaskSize;
    readonly admin: TaskSize;
    readonly worker: TaskSize;
    readonly anisette: TaskSize;
  };
  readonly enableWorkers: boolean;
  readonly workers: WorkerConfig[];
  readonly enableAnisette: boolean;
  /** Requests per client IP per 5 minutes before WAF blocks it. */
  readonly wafRateLimit: number;
  readonly alarms: AlarmConfig;
  /** Staging: a self-hosted data host. Exactly one of `dataHost` and `existingDataStores`. */
  readonly dataHost?: DataHostConfig;
  /** Production: the existing data tier in the peered VPC. */
  readonly existingDataStores?: ExistingDataStoresConfig;
}

/** The shared image registry (seed 000): repositories `tracker/<app>`. */
export const SHARED_REGISTRY = { account: GlimpseAccounts.SHARED_REGISTRY, region: GlimpseAccounts.SHARED_REGISTRY_REGION, service: 'tracker' } as const;

/** Where this code lives, for the `Repository` tag. */
export const REPOSITORY_URL = 'https://github.com/glimpse-technology/platform-constructs/tree/main/apps/tracker';

const PROJECT = 'tracker-restapi';

// CONFIRM: the TaskiQ entry points of the api image.
const WORKERS: WorkerConfig[] = [
  { name: 'tracker-worker', command: ['taskiq', 'worker', 'app.worker:broker'], spot: true },
  { name: 'tracker-fetcher-2', command: ['taskiq', 'worker', 'app.fetcher:broker'], needsData: true },
];

const SMALL: TaskSize = { cpu: 256, memoryLimitMiB: 512 };

export const STAGING: TrackerEnvironmentConfig = {
  stackName: 'TrackerStaging',
  environmentName: 'staging',
  account: '471112958110',
  region: 'eu-west-2',
  projectName: PROJECT,
  hostname: 'tracker.staging.glimpse.technology',
  vpcCidr: '10.40.0.0/24',
  natGateways: 1,
  vpcEndpoints: false,
  // CONFIRM: the git SHAs of the images to deploy.
  imageTags: {
    api: '4f3ebae951a368bda79d84632a831a4f266b1bed',
    frontend: '4f3ebae951a368bda79d84632a831a4f266b1bed',
    admin: '4f3ebae951a368bda79d84632a831a4f266b1bed',
    anisette: '4f3ebae951a368bda79d84632a831a4f266b1bed',
  },
  sizes: {
    api: { cpu: 512, memoryLimitMiB: 1024 },
    frontend: SMALL,
    admin: SMALL,
    worker: SMALL,
    anisette: SMALL,
  },
  // Seed 001 scaffolds workers behind enable_workers and anisette off; staging validates both.
  enableWorkers: true,
  workers: WORKERS,
  enableAnisette: true,
  wafRateLimit: 1000,
  alarms: {
    runbookUrl: 'https://github.com/glimpse-technology/platform-constructs/blob/main/apps/tracker/README.md',
    serviceUnhealthyAlarm: false,
    rollbackOnAlarm: true,
  },
  // CONFIRM: the eu-west-2 id of this Debian release (aws ec2 describe-images --owners 136693071363).
  dataHost: {
    instanceType: 't3.medium',
    amiRelease: 'debian-12-amd64-20250316-2053',
    amiId: 'ami-0e8d228ad90af673b',
    dataVolumeGiB: 50,
  },
};

export const PRODUCTION: TrackerEnvironmentConfig = {
  stackName: 'TrackerProduction',
  environmentName: 'production',
  account: '590183930624',
  region: 'eu-west-2',
  projectName: PROJECT,
  hostname: 'tracker.glimpse.technology',
  // Must not overlap the existing production VPC it is peered with.
  vpcCidr: '10.41.0.0/24',
  natGateways: 2,
  vpcEndpoints: true,
  imageTags: STAGING.imageTags,
  sizes: {
    api: { cpu: 1024, memoryLimitMiB: 2048, desiredCount: 2 },
    frontend: { ...SMALL, desiredCount: 2 },
    admin: SMALL,
    worker: { cpu: 512, memoryLimitMiB: 1024 },
    anisette: SMALL,
  },
  enableWorkers: true,
  workers: WORKERS,
  enableAnisette: true,
  wafRateLimit: 2000,
  alarms: {
    runbookUrl: 'https://github.com/glimpse-technology/platform-constructs/blob/main/apps/tracker/README.md',
    serviceUnhealthyAlarm: true,
    rollbackOnAlarm: true,
  },
  // CONFIRM: the existing production VPC, its route tables, endpoints and secrets.
  existingDataStores: {
    peerVpcId: 'vpc-0a7c3e91d2b4f5061',
    peerCidr: '10.20.0.0/16',
    peerOwnerAccount: '590183930624',
    peerRouteTableIds: ['rtb-0c1d2e3f4a5b6c7d8', 'rtb-0d2e3f4a5b6c7d8e9'],
    postgresHost: 'tracker-production.cluster-internal.glimpse.technology',
    postgresPort: 5432,
    postgresUser: 'tracker',
    postgresDatabase: 'tracker',
    postgresPasswordSecretArn: 'arn:aws:secretsmanager:eu-west-2:590183930624:secret:tracker/production/postgres_password-Ab12Cd',
    redisHost: 'valkey.production.internal.glimpse.technology',
    redisPort: 6379,
    redisPasswordSecretArn: 'arn:aws:secretsmanager:eu-west-2:590183930624:secret:tracker/production/redis_password-Ef34Gh',
    redisTls: true,
    secretKeySecretArn: 'arn:aws:secretsmanager:eu-west-2:590183930624:secret:tracker/production/secret_key-Ij56Kl',
  },
};

export const ENVIRONMENTS: TrackerEnvironmentConfig[] = [STAGING, PRODUCTION];
