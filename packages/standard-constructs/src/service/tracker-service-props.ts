import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ServiceContainerOptions } from './container-options';
import { DataStoreConnection } from './data-store-connection';
import { ServiceDeploymentOptions } from './deployment-options';
import { ServiceLoggingOptions } from './logging-options';
import { ServiceAutoScalingOptions } from './service-autoscaling-options';
import { ServiceImage } from './service-image';
import { ServiceTracingOptions } from './tracing-options';
import { EfsMount } from './worker-options';

/** What every `TrackerFargateService` (web or worker) is given. */
export interface TrackerServiceProps {
  /**
   * The cluster, ideally a `StandardCluster` (Container Insights, exec
   * logging, FARGATE and FARGATE_SPOT capacity providers). A cluster created
   * here without those capacity providers is refused: the service does not
   * change a cluster it does not own.
   */
  readonly cluster: ecs.ICluster;
  /** Project part of names, e.g. `tracker-restapi`. */
  readonly projectName: string;
  /** Environment part of names, e.g. `staging`. */
  readonly environmentName: string;
  /** The service, e.g. `api`: names the ECS service, the container and the log group. */
  readonly serviceName: string;
  /** The image, pinned to a git SHA tag or a digest. */
  readonly image: ServiceImage;
  /** CPU units of the task: 256, 512, 1024, ... (Fargate table). */
  readonly cpu: number;
  /** Memory of the task in MiB; must be a Fargate combination with `cpu`. */
  readonly memoryLimitMiB: number;
  /** Key that encrypts the log group. */
  readonly encryptionKey: kms.IKey;
  /**
   * CPU architecture the image is built for.
   * @default ecs.CpuArchitecture.X86_64
   */
  readonly cpuArchitecture?: ecs.CpuArchitecture;
  /**
   * Overrides the image's command, e.g. to run a TaskiQ worker.
   * @default - the image's CMD
   */
  readonly command?: string[];
  /**
   * Plain environment variables (no secrets: ECS-005/AwsSolutions-ECS2).
   * @default - none besides the data store variables
   */
  readonly environment?: { [name: string]: string };
  /**
   * Secrets injected at start, e.g. `{ SECRET_KEY: ecs.Secret.fromSecretsManager(secret) }`.
   * The execution role may read exactly these.
   * @default - none besides the data store passwords
   */
  readonly secrets?: { [name: string]: ecs.Secret };
  /**
   * PostgreSQL and Redis endpoints, the variable names the application reads
   * them from, and the network path to them.
   * @default - no data stores
   */
  readonly dataStores?: DataStoreConnection;
  /**
   * Health check, memory limit, read-only root filesystem, scratch volumes and user of the application container.
   * @default - no container health check, a memory limit of the task memory less the sidecars', a writable root filesystem, the image's USER
   */
  readonly containerOptions?: ServiceContainerOptions;
  /**
   * The log group (retention, removal) and the awslogs driver (mode, buffer).
   * @default - 90 days, retained; non-blocking with a 25 MiB buffer
   */
  readonly logging?: ServiceLoggingOptions;
  /**
   * Distributed tracing to AWS X-Ray through an AWS Distro for OpenTelemetry
   * collector sidecar, with an X-Ray sampling rule for the service.
   * @default - no tracing
   */
  readonly tracing?: ServiceTracingOptions;
  /**
   * Tasks to run; with `autoScaling`, the starting point within its bounds.
   * @default - `autoScaling.minCapacity`, else 1
   */
  readonly desiredCount?: number;
  /**
   * Deployment limits and the alarms that roll a deployment back.
   * @default - 50 % / 200 %, circuit breaker rollback only
   */
  readonly deployment?: ServiceDeploymentOptions;
  /**
   * Allows `aws ecs execute-command` into the tasks, logged by the cluster's
   * exec configuration. Turn it on where operators need a shell (e.g. staging,
   * or a production break-glass), not by default.
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * EFS access points mounted into the container.
   * @default - none
   */
  readonly efsMounts?: EfsMount[];
  /**
   * Task-count autoscaling.
   * @default - a fixed `desiredCount`
   */
  readonly autoScaling?: ServiceAutoScalingOptions;
  /**
   * Subnets of the tasks.
   * @default - the cluster VPC's private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
}
