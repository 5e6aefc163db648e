/** The shapes of Tracker's environment config (`config.ts` holds the values). */

/** Image tags of the five images in the shared registry's `tracker/<app>` repositories. */
export interface ImageTags {
  readonly api: string;
  readonly frontend: string;
  readonly admin: string;
  readonly anisette: string;
  /** The TaskiQ workers' image (`tracker/services`): one image, one service per worker command. */
  readonly services: string;
}

/**
 * Task-count scaling of one service: CPU target tracking, plus ALB requests
 * per task for web services.
 */
export interface ScalingConfig {
  /** Fewest tasks, and the count a deployment starts from. */
  readonly min: number;
  readonly max: number;
  /** Average CPU utilisation (percent) to hold. */
  readonly cpuTargetPercent: number;
  /** ALB requests per task per minute to hold (web services only). */
  readonly requestsPerTarget?: number;
}

/** CPU units and memory (MiB) of one Fargate task, and how many run. */
export interface TaskSize {
  readonly cpu: number;
  readonly memoryLimitMiB: number;
  /** Fixed task count, for services that do not scale. @default 1 */
  readonly desiredCount?: number;
  /** Scale between bounds instead of a fixed count. */
  readonly scaling?: ScalingConfig;
}

/** A TaskiQ worker: a service running the `tracker/services` image with its own command. */
export interface WorkerConfig {
  /** ECS service name, e.g. `tracker-fetcher-2`. */
  readonly name: string;
  /** The command override. */
  readonly command: string[];
  /** Mounts the shared EFS `/data` and gets `ANISETTE_SERVER` (only the fetcher does). */
  readonly needsData?: boolean;
  /** Runs on Fargate Spot (workers tolerate interruptions). */
  readonly spot?: boolean;
  /**
   * CPU target scaling. The TaskiQ queues live in Valkey/Redis, whose list
   * lengths are not a CloudWatch metric, so workers cannot scale on queue depth.
   */
  readonly scaling?: ScalingConfig;
}

/** The self-hosted TimescaleDB + Valkey host (staging). */
export interface DataHostConfig {
  readonly instanceType: string;
  /** The Debian 12 AMI name the id belongs to (a reviewed pin, never "latest"). */
  readonly amiRelease: string;
  readonly amiId: string;
  readonly dataVolumeGiB: number;
}

/**
 * One line of the checklist of what the existing production VPC must admit.
 * This stack cannot change that VPC's security groups or network ACLs; the
 * owner of that VPC checks each line before the first production deploy.
 */
export interface PeerAdmission {
  /** The security group or network ACL to check. */
  readonly where: string;
  readonly protocol: 'tcp';
  readonly port: number;
  /** The source to admit: TrackerProduction's VPC CIDR. */
  readonly fromCidr: string;
  /** Who needs it. */
  readonly why: string;
}

/** The existing production data tier, reached through VPC peering (production). */
export interface ExistingDataStoresConfig {
  /** The existing production VPC that holds the TimescaleDB cluster and Valkey. */
  readonly peerVpcId: string;
  readonly peerCidr: string;
  readonly peerOwnerAccount: string;
  /** Route tables of the peer VPC that get the return route (same account only). */
  readonly peerRouteTableIds: string[];
  /** Resolve the peer's AWS-provided private host names (RDS/ElastiCache endpoints) from this VPC. */
  readonly resolvePeerHostnames: boolean;
  /** Private hosted zones holding the peer's internal names (`*.internal.glimpse.technology`), associated with this VPC. */
  readonly peerPrivateHostedZoneIds: string[];
  /** What the peer VPC's security groups and network ACLs must admit (see `PeerAdmission`). */
  readonly peerAdmissionChecklist: PeerAdmission[];
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
  /**
   * The customer-managed KMS key the existing secrets are encrypted with, if
   * any: the execution roles that read them get `kms:Decrypt` through Secrets Manager only.
   */
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
  /** The organisation's further tags (cost centre…), on every resource besides the standard ones. */
  readonly organisationTags: Record<string, string>;
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
  /**
   * ECS Exec (a shell in running containers). Off in production: turning it
   * on is a break-glass change (see the README), reverted after use.
   */
  readonly ecsExec: boolean;
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
