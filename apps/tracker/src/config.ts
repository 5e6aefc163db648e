/**
 * Tracker's environments: everything that differs between staging and
 * production, in one typed place. Stacks only compose the library.
 *
 * Values nobody has confirmed yet are `placeholder('what', example)`: the
 * example is well-formed so that offline synth and tests run, and
 * `cdk deploy` (and the pipeline) refuse to synthesize while any remains,
 * listing each one (see `placeholders.ts`).
 */
import { GlimpseAccounts } from '@glimpse/standard-constructs';
import { ExistingDataStoresConfig, TaskSize, TrackerEnvironmentConfig, WorkerConfig } from './config-types';
import { placeholder } from './placeholders';

export * from './config-types';

/** The shared image registry: repositories `tracker/<app>`. */
export const SHARED_REGISTRY = { account: GlimpseAccounts.SHARED_REGISTRY, region: GlimpseAccounts.SHARED_REGISTRY_REGION, service: 'tracker' } as const;

/** Where this code lives, for the `Repository` tag. */
export const REPOSITORY_URL = 'https://github.com/glimpse-technology/platform-constructs/tree/main/apps/tracker';

const PROJECT = 'tracker-restapi';

// One tag per image. A `release-` prefix keeps it from the registry's lifecycle expiry (SharedEcrRepo keeps
// release-, staging- and production- tagged images forever; untagged and other dev builds are count-limited).
const IMAGE_TAGS = placeholder('the release-<git sha> tags of the five images to deploy', {
  api: 'release-4f3ebae951a368bda79d84632a831a4f266b1bed',
  frontend: 'release-4f3ebae951a368bda79d84632a831a4f266b1bed',
  admin: 'release-4f3ebae951a368bda79d84632a831a4f266b1bed',
  anisette: 'release-4f3ebae951a368bda79d84632a831a4f266b1bed',
  services: 'release-4f3ebae951a368bda79d84632a831a4f266b1bed',
});

/** The TaskiQ workers of the `tracker/services` image, scaled per environment. */
function workers(workerScaling: { min: number; max: number }): WorkerConfig[] {
  return [
    {
      name: 'tracker-worker',
      command: placeholder('the general TaskiQ worker command of the tracker/services image', ['taskiq', 'worker', 'app.worker:broker']),
      spot: true,
      scaling: { ...workerScaling, cpuTargetPercent: 70 },
    },
    {
      // One task, no scaling: it keeps its Apple-account session and state in one /data directory.
      name: 'tracker-fetcher-2',
      command: placeholder('the fetcher TaskiQ worker command of the tracker/services image', ['taskiq', 'worker', 'app.fetcher:broker']),
      needsData: true,
    },
  ];
}

const SMALL: TaskSize = { cpu: 256, memoryLimitMiB: 512 };
const RUNBOOK = 'https://github.com/glimpse-technology/platform-constructs/blob/main/apps/tracker/README.md';
// The organisation's further tags; values come from finance.
const ORGANISATION_TAGS = { CostCentre: placeholder("Tracker's cost centre code, from finance", 'CC-0000') };

export const STAGING: TrackerEnvironmentConfig = {
  stackName: 'TrackerStaging',
  environmentName: 'staging',
  account: '471112958110',
  region: 'eu-west-2',
  projectName: PROJECT,
  organisationTags: ORGANISATION_TAGS,
  hostname: 'tracker.staging.glimpse.technology',
  vpcCidr: '10.40.0.0/24',
  natGateways: 1,
  vpcEndpoints: false,
  imageTags: IMAGE_TAGS,
  sizes: {
    // Staging scales a little so that scaling itself is exercised before production.
    api: { cpu: 512, memoryLimitMiB: 1024, scaling: { min: 1, max: 2, cpuTargetPercent: 65, requestsPerTarget: 1000 } },
    frontend: { ...SMALL, scaling: { min: 1, max: 2, cpuTargetPercent: 65, requestsPerTarget: 3000 } },
    admin: SMALL,
    worker: SMALL,
    anisette: SMALL,
  },
  ecsExec: true,
  // The legacy deployment scaffolds workers behind enable_workers and anisette off; staging validates both.
  enableWorkers: true,
  workers: workers({ min: 1, max: 2 }),
  enableAnisette: true,
  wafRateLimit: 1000,
  alarms: { runbookUrl: RUNBOOK, serviceUnhealthyAlarm: false, rollbackOnAlarm: true },
  dataHost: {
    instanceType: 't3.medium',
    amiRelease: 'debian-12-amd64-20250316-2053',
    amiId: placeholder('the eu-west-2 AMI id of debian-12-amd64-20250316-2053 (aws ec2 describe-images --owners 136693071363)', 'ami-0e8d228ad90af673b'),
    dataVolumeGiB: 50,
  },
};

const PRODUCTION_VPC_CIDR = '10.41.0.0/24';
const POSTGRES_PORT = 5432;
const REDIS_PORT = 6379;

const EXISTING_DATA_STORES: ExistingDataStoresConfig = {
  peerVpcId: placeholder('the id of the existing production VPC', 'vpc-0a7c3e91d2b4f5061'),
  peerCidr: placeholder('the CIDR block of the existing production VPC', '10.20.0.0/16'),
  peerOwnerAccount: '590183930624',
  peerRouteTableIds: placeholder('the route tables of the existing VPC\'s database and cache subnets', ['rtb-0c1d2e3f4a5b6c7d8', 'rtb-0d2e3f4a5b6c7d8e9']),
  // The hosts below are names in a private hosted zone of the existing VPC: associate it here.
  resolvePeerHostnames: true,
  peerPrivateHostedZoneIds: placeholder('the private hosted zone holding *.internal.glimpse.technology', ['Z04567891ABCDEFGHIJKL']),
  // What the existing VPC must admit from this one. Check every line in that account before the first deploy:
  peerAdmissionChecklist: [
    // The TimescaleDB cluster's security group: PostgreSQL in from this VPC (api and TaskiQ workers).
    { where: 'TimescaleDB cluster security group', protocol: 'tcp', port: POSTGRES_PORT, fromCidr: PRODUCTION_VPC_CIDR, why: 'api and TaskiQ workers query the database' },
    // Valkey's security group: Redis protocol (TLS) in from this VPC (api and TaskiQ workers: cache, task queues).
    { where: 'Valkey security group', protocol: 'tcp', port: REDIS_PORT, fromCidr: PRODUCTION_VPC_CIDR, why: 'api and TaskiQ workers use the cache and task queues' },
    // Network ACLs are stateless: the data subnets' ACLs must admit both ports in, and ephemeral ports back out.
    { where: 'network ACLs of the database subnets (inbound; outbound 1024-65535 to the same CIDR)', protocol: 'tcp', port: POSTGRES_PORT, fromCidr: PRODUCTION_VPC_CIDR, why: 'stateless ACLs see each direction' },
    { where: 'network ACLs of the cache subnets (inbound; outbound 1024-65535 to the same CIDR)', protocol: 'tcp', port: REDIS_PORT, fromCidr: PRODUCTION_VPC_CIDR, why: 'stateless ACLs see each direction' },
  ],
  postgresHost: placeholder('the TimescaleDB cluster host name', 'tracker-production.cluster-internal.glimpse.technology'),
  postgresPort: POSTGRES_PORT,
  postgresUser: 'tracker',
  postgresDatabase: 'tracker',
  postgresPasswordSecretArn: placeholder('the complete ARN of the PostgreSQL password secret',
    'arn:aws:secretsmanager:eu-west-2:590183930624:secret:tracker/production/postgres_password-Ab12Cd'),
  redisHost: placeholder('the Valkey host name', 'valkey.production.internal.glimpse.technology'),
  redisPort: REDIS_PORT,
  redisPasswordSecretArn: placeholder('the complete ARN of the Valkey password secret',
    'arn:aws:secretsmanager:eu-west-2:590183930624:secret:tracker/production/redis_password-Ef34Gh'),
  redisTls: true,
  secretKeySecretArn: placeholder('the complete ARN of the SECRET_KEY secret',
    'arn:aws:secretsmanager:eu-west-2:590183930624:secret:tracker/production/secret_key-Ij56Kl'),
  // Set if the three secrets use a customer-managed key (aws secretsmanager describe-secret → KmsKeyId).
  secretsKeyArn: undefined,
};

export const PRODUCTION: TrackerEnvironmentConfig = {
  stackName: 'TrackerProduction',
  environmentName: 'production',
  account: '590183930624',
  region: 'eu-west-2',
  projectName: PROJECT,
  organisationTags: ORGANISATION_TAGS,
  hostname: 'tracker.glimpse.technology',
  // Must not overlap the existing production VPC it is peered with.
  vpcCidr: PRODUCTION_VPC_CIDR,
  natGateways: 2,
  vpcEndpoints: true,
  imageTags: IMAGE_TAGS,
  sizes: {
    // Two tasks at least (one per AZ); six covers three times the legacy fixed pair.
    api: { cpu: 1024, memoryLimitMiB: 2048, scaling: { min: 2, max: 6, cpuTargetPercent: 60, requestsPerTarget: 1000 } },
    frontend: { ...SMALL, scaling: { min: 2, max: 6, cpuTargetPercent: 60, requestsPerTarget: 3000 } },
    admin: SMALL,
    worker: { cpu: 512, memoryLimitMiB: 1024 },
    anisette: SMALL,
  },
  // Break glass: set true, deploy, investigate, set false and deploy again (README "ECS Exec").
  ecsExec: false,
  enableWorkers: true,
  workers: workers({ min: 1, max: 4 }),
  enableAnisette: true,
  wafRateLimit: 2000,
  alarms: { runbookUrl: RUNBOOK, serviceUnhealthyAlarm: true, rollbackOnAlarm: true },
  existingDataStores: EXISTING_DATA_STORES,
};

export const ENVIRONMENTS: TrackerEnvironmentConfig[] = [STAGING, PRODUCTION];
