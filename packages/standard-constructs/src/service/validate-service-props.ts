import { SizeRoundingBehavior, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { IConstruct } from 'constructs';
import { ServiceContainerOptions } from './container-options';
import { assertFargateTaskSize } from './fargate-task-size';
import { ServiceLoggingOptions } from './logging-options';
import { validateTracing } from './otel-collector';
import { validateAutoScaling } from './service-autoscaling';
import { CONTAINER_DEFAULTS, SERVICE_DEFAULTS, TRACING_DEFAULTS } from './service-defaults';
import { TrackerServiceProps } from './tracker-service-props';
import { assertIntegerInRange, assertMatches, invalidProp } from '../internal/validation';

const SERVICE_NAME = /^[a-z][a-z0-9-]{0,62}$/;
/** A user name or uid, optionally with a group name or gid. */
const USER = /^([a-z_][a-z0-9_-]{0,31}|\d{1,10})(:([a-z_][a-z0-9_-]{0,31}|\d{1,10}))?$/;
const ROOT_USER = /^(root|0)(:|$)/;
const SCRATCH_PATH = /^(\/[A-Za-z0-9._-]+)+$/;

/** What the web or worker variant decides for the shared part. */
export interface ServiceVariant {
  /** Port the container listens on, if anyone connects to it. */
  readonly containerPort?: number;
  /** `FARGATE`, or `FARGATE_SPOT` for interruptible workers. */
  readonly capacityProvider: string;
  /** Whether a load balancer sends traffic (and request counts to scale on). */
  readonly loadBalanced: boolean;
}

/** Validates the props every service shares, before any resource is created. */
export function validateServiceProps(scope: IConstruct, props: TrackerServiceProps, variant: ServiceVariant): void {
  assertMatches(scope, 'serviceName', props.serviceName, SERVICE_NAME,
    'Use lowercase letters, digits and hyphens, starting with a letter, e.g. api or tracker-fetcher-2.');
  assertFargateTaskSize(scope, props.cpu, props.memoryLimitMiB);
  assertIntegerInRange(scope, 'containerPort', variant.containerPort, 1, 65535);
  assertIntegerInRange(scope, 'desiredCount', props.desiredCount, 0, 5000);
  assertIntegerInRange(scope, 'deployment.minHealthyPercent', props.deployment?.minHealthyPercent, 0, 100);
  assertIntegerInRange(scope, 'deployment.maxHealthyPercent', props.deployment?.maxHealthyPercent, 100, 200);
  if (props.containerOptions?.readonlyRootFilesystem && (props.enableExecuteCommand ?? SERVICE_DEFAULTS.enableExecuteCommand)) {
    throw invalidProp(scope, 'containerOptions.readonlyRootFilesystem', 'ECS Exec needs a writable root filesystem for its agent',
      'Set enableExecuteCommand: false to use a read-only root filesystem, or leave the root filesystem writable.');
  }
  if (props.logging) validateLogging(scope, props.logging, props.memoryLimitMiB);
  if (props.tracing) validateTracing(scope, props.tracing, props.cpu, props.memoryLimitMiB);
  validateContainerOptions(scope, props.containerOptions ?? {}, appContainerMemoryMiB(props));
  if (props.autoScaling) validateAutoScaling(scope, props.autoScaling, props.desiredCount, variant.loadBalanced);
  validateCluster(scope, props, variant.capacityProvider);
}

/** The application container's hard memory limit: what the task has left after the tracing collector. */
export function appContainerMemoryMiB(props: TrackerServiceProps): number {
  const collector = props.tracing ? (props.tracing.collectorMemoryLimit ?? TRACING_DEFAULTS.collectorMemoryLimit).toMebibytes() : 0;
  return props.memoryLimitMiB - collector;
}

function validateLogging(scope: IConstruct, logging: ServiceLoggingOptions, taskMemoryMiB: number): void {
  const buffer = logging.maxBufferSize;
  if (!buffer) return;
  if (logging.mode === ecs.AwsLogDriverMode.BLOCKING) {
    throw invalidProp(scope, 'logging.maxBufferSize', 'the blocking mode has no buffer',
      'Remove maxBufferSize, or use mode: ecs.AwsLogDriverMode.NON_BLOCKING.');
  }
  const mebibytes = buffer.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isInteger(mebibytes) || mebibytes < 1 || mebibytes > taskMemoryMiB / 2) {
    throw invalidProp(scope, 'logging.maxBufferSize', `got ${mebibytes} MiB`,
      `Use whole mebibytes from 1 to half the task memory (${Math.floor(taskMemoryMiB / 2)} MiB): the buffer is held in the task's memory.`);
  }
}

function validateContainerOptions(scope: IConstruct, options: ServiceContainerOptions, availableMiB: number): void {
  if (options.memoryLimit && !Token.isUnresolved(availableMiB)) {
    const mebibytes = options.memoryLimit.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
    if (!Number.isInteger(mebibytes) || mebibytes < 6 || mebibytes > availableMiB) {
      throw invalidProp(scope, 'containerOptions.memoryLimit', `got ${mebibytes} MiB`,
        `Use whole mebibytes from 6 (the ECS minimum) to ${availableMiB}, the task memory left for the application container.`);
    }
  }
  assertMatches(scope, 'containerOptions.user', options.user, USER, 'Give a user name or uid, optionally with :group or :gid, e.g. 1000:1000.');
  if (options.user !== undefined && ROOT_USER.test(options.user)) {
    throw invalidProp(scope, 'containerOptions.user', `got '${options.user}', the root user`,
      'Give a non-root user such as 1000:1000, or omit `user` to keep the image\'s USER.');
  }
  const paths = options.scratchPaths ?? [];
  if (paths.length > 0 && !(options.readonlyRootFilesystem ?? CONTAINER_DEFAULTS.readonlyRootFilesystem)) {
    throw invalidProp(scope, 'containerOptions.scratchPaths', 'the root filesystem is writable, so scratch volumes change nothing',
      'Set readonlyRootFilesystem: true, or remove scratchPaths.');
  }
  const names = new Set<string>();
  for (const path of paths) {
    assertMatches(scope, 'containerOptions.scratchPaths', path, SCRATCH_PATH,
      'Give absolute paths of letters, digits, . _ and -, without a trailing slash, e.g. /tmp or /app/cache.');
    const name = scratchVolumeName(path);
    if (names.has(name)) {
      throw invalidProp(scope, 'containerOptions.scratchPaths', `'${path}' is given twice, or names the same volume (${name}) as another path`,
        'Give each scratch path once.');
    }
    names.add(name);
  }
  const command = options.healthCheck?.command ?? [];
  if (options.healthCheck && !['CMD', 'CMD-SHELL'].includes(command[0] ?? '')) {
    throw invalidProp(scope, 'containerOptions.healthCheck.command', `got ${JSON.stringify(command)}`,
      "Start the command with 'CMD' (exec form, no shell needed) or 'CMD-SHELL', e.g. ['CMD', '/app/healthcheck'].");
  }
}

/** `/app/cache` → `scratch-app-cache`. */
export function scratchVolumeName(path: string): string {
  return `scratch${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;
}

/**
 * The service names its subnets and capacity provider; a cluster it does not
 * own cannot be changed, so they must already exist. Imported clusters cannot
 * be inspected and are trusted.
 */
function validateCluster(scope: IConstruct, props: TrackerServiceProps, capacityProvider: string): void {
  const vpc = props.cluster.vpc;
  try {
    vpc.selectSubnets(props.vpcSubnets ?? SERVICE_DEFAULTS.vpcSubnets);
  } catch (e) {
    throw invalidProp(scope, 'vpcSubnets', `the cluster's VPC ${vpc.node.path} has no such subnets (${(e as Error).message})`,
      props.vpcSubnets ? 'Select subnets the VPC has.'
        : 'Services run in private subnets with egress (no public IP): give the VPC private subnets with a NAT gateway, e.g. a StandardVpc, or pass vpcSubnets.');
  }
  if (props.cluster instanceof ecs.Cluster && !props.cluster.capacityProviderNames.includes(capacityProvider)) {
    throw invalidProp(scope, 'cluster', `${props.cluster.node.path} has no ${capacityProvider} capacity provider`,
      'Use a StandardCluster, or create the cluster with enableFargateCapacityProviders: true.');
  }
}
