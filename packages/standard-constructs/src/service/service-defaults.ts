import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ServiceContainerOptions } from './container-options';

/*
 * Every default of the Fargate services, in one place (the `@default` tags of
 * the props document the same values). Constructs merge them with
 * `consolidate(defaults, user, required)`.
 */

/** Shared by web and worker services. */
export const SERVICE_DEFAULTS = {
  cpuArchitecture: ecs.CpuArchitecture.X86_64,
  /** Without autoscaling; with it, the service starts at `minCapacity`. */
  desiredCount: 1,
  /** Off: an interactive shell in a task is a break-glass decision, made per environment. */
  enableExecuteCommand: false,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } as ec2.SubnetSelection,
};

export const DEPLOYMENT_DEFAULTS = {
  minHealthyPercent: 50,
  maxHealthyPercent: 200,
};

export const LOGGING_DEFAULTS = {
  mode: ecs.AwsLogDriverMode.NON_BLOCKING,
  maxBufferSize: Size.mebibytes(25),
  retention: logs.RetentionDays.THREE_MONTHS,
  removalPolicy: RemovalPolicy.RETAIN,
};

export const CONTAINER_DEFAULTS: ServiceContainerOptions = {
  readonlyRootFilesystem: false,
};

/** Scratch paths of a read-only root filesystem: most runtimes need a writable /tmp. */
export const READONLY_SCRATCH_PATHS = ['/tmp'];

/** Timing of an opt-in container health check whose fields are left out. */
export const CONTAINER_HEALTH_CHECK_DEFAULTS = {
  interval: Duration.seconds(30),
  timeout: Duration.seconds(5),
  retries: 3,
  startPeriod: Duration.seconds(60),
};

/** The web service's target group and its health check. */
export const WEB_DEFAULTS = {
  healthCheckPath: '/',
  healthyHttpCodes: '200',
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 2,
  healthCheckInterval: Duration.seconds(30),
  healthCheckTimeout: Duration.seconds(5),
  deregistrationDelay: Duration.seconds(30),
  healthCheckGracePeriod: Duration.seconds(60),
};

export const CLOUD_MAP_DEFAULTS = {
  dnsTtl: Duration.seconds(10),
};

export const AUTOSCALING_DEFAULTS = {
  minCapacity: 1,
  targetCpuUtilizationPercent: 65,
  queueMessagesPerTask: 100,
  scaleInCooldown: Duration.seconds(300),
  scaleOutCooldown: Duration.seconds(60),
  queueMetricPeriod: Duration.minutes(1),
};

/** The tracing collector sidecar and the service's X-Ray sampling rule. */
export const TRACING_DEFAULTS = {
  collectorCpu: 64,
  collectorMemoryLimit: Size.mebibytes(128),
  samplingRulePriority: 1000,
  samplingRate: 0.05,
  reservoirSize: 1,
};
