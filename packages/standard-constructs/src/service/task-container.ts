import { Size, Tags } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as xray from 'aws-cdk-lib/aws-xray';
import { Construct } from 'constructs';
import { dataStoreEnvironment } from './data-store-variables';
import { addOtelCollector, otelEnvironment } from './otel-collector';
import { CONTAINER_DEFAULTS, CONTAINER_HEALTH_CHECK_DEFAULTS, LOGGING_DEFAULTS, READONLY_SCRATCH_PATHS, SERVICE_DEFAULTS } from './service-defaults';
import { ServiceImageConfig } from './service-image';
import { ServiceRoles } from './service-roles';
import { TrackerServiceProps } from './tracker-service-props';
import { appContainerMemoryMiB, scratchVolumeName } from './validate-service-props';
import { acknowledge } from '../internal/acknowledge';
import { consolidate } from '../internal/defaults';
import { StandardTagKey } from '../tagging/tag-keys';

/** What `createTaskAndContainer` made. */
export interface TaskAndContainer {
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly container: ecs.ContainerDefinition;
  readonly otelCollector?: ecs.ContainerDefinition;
  readonly samplingRule?: xray.CfnSamplingRule;
  /** Whether the collector image comes from ECR (its pull needs `ecr:GetAuthorizationToken`). */
  readonly collectorFromRepository: boolean;
}

/** Where the task's pieces come from. */
export interface TaskInputs {
  readonly props: TrackerServiceProps;
  readonly qualifiedName: string;
  readonly image: ServiceImageConfig;
  readonly roles: ServiceRoles;
  readonly logGroup: logs.ILogGroup;
  readonly containerPort?: number;
}

/**
 * The task definition (family `<project>-<env>-<service>`) and its
 * application container: environment and secrets, logging, memory limit,
 * hardening and scratch volumes, plus the tracing sidecar when asked for.
 */
export function createTaskAndContainer(scope: Construct, inputs: TaskInputs): TaskAndContainer {
  const { props, qualifiedName, image, roles } = inputs;
  const serviceName = props.serviceName;
  const taskDefinition = new ecs.FargateTaskDefinition(scope, 'TaskDefinition', {
    family: `${qualifiedName}-${serviceName}`,
    cpu: props.cpu,
    memoryLimitMiB: props.memoryLimitMiB,
    runtimePlatform: {
      cpuArchitecture: props.cpuArchitecture ?? SERVICE_DEFAULTS.cpuArchitecture,
      operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
    },
    executionRole: roles.executionRole,
    taskRole: roles.taskRole,
  });
  Tags.of(scope).add(StandardTagKey.COMPONENT, serviceName);
  Tags.of(taskDefinition).add('ImageVersion', image.version);

  const data = props.dataStores ? dataStoreEnvironment(props.dataStores.endpoints, props.dataStores.variables) : undefined;
  const tracedServiceName = `${qualifiedName}-${serviceName}`;
  const tracingEnvironment = props.tracing ? otelEnvironment(tracedServiceName, props.environmentName) : {};
  const environment = { ...data?.environment, ...tracingEnvironment, ...props.environment };
  const logging = consolidate(LOGGING_DEFAULTS, props.logging);
  const logDriver = ecs.LogDrivers.awsLogs({
    logGroup: inputs.logGroup,
    streamPrefix: serviceName,
    mode: logging.mode,
    maxBufferSize: logging.mode === ecs.AwsLogDriverMode.NON_BLOCKING ? logging.maxBufferSize : undefined,
  });
  const options = consolidate(CONTAINER_DEFAULTS, props.containerOptions);
  const container = taskDefinition.addContainer('Container', {
    containerName: serviceName,
    image: image.containerImage,
    essential: true,
    command: props.command,
    environment,
    secrets: { ...data?.secrets, ...props.secrets },
    portMappings: inputs.containerPort !== undefined ? [{ containerPort: inputs.containerPort, protocol: ecs.Protocol.TCP }] : undefined,
    healthCheck: options.healthCheck
      ? consolidate<ecs.HealthCheck>({ ...CONTAINER_HEALTH_CHECK_DEFAULTS, command: options.healthCheck.command }, options.healthCheck)
      : undefined,
    memoryLimitMiB: (options.memoryLimit ?? Size.mebibytes(appContainerMemoryMiB(props))).toMebibytes(),
    readonlyRootFilesystem: options.readonlyRootFilesystem,
    user: options.user,
    linuxParameters: new ecs.LinuxParameters(scope, 'LinuxParameters', { initProcessEnabled: true }),
    logging: logDriver,
  });
  const scratchPaths = options.scratchPaths ?? (options.readonlyRootFilesystem ? READONLY_SCRATCH_PATHS : []);
  for (const containerPath of scratchPaths) {
    // A task volume without a host path: empty, writable, gone with the task.
    const volumeName = scratchVolumeName(containerPath);
    taskDefinition.addVolume({ name: volumeName });
    container.addMountPoints({ sourceVolume: volumeName, containerPath, readOnly: false });
  }

  const collector = props.tracing ? addOtelCollector(scope, {
    taskDefinition,
    appContainer: container,
    taskRole: roles.taskRole,
    logDriver,
    tracedServiceName,
    taskCpu: props.cpu,
    taskMemoryMiB: props.memoryLimitMiB,
  }, props.tracing) : undefined;
  if (Object.keys(environment).length > 0 || props.tracing) {
    acknowledge(taskDefinition, ['AwsSolutions-ECS2'],
      'Only non-secret configuration (host names, ports, database numbers, the OpenTelemetry collector configuration) '
      + 'is in environment variables; every password and key is an ECS secret from Secrets Manager.');
  }
  return {
    taskDefinition,
    container,
    otelCollector: collector?.container,
    samplingRule: collector?.samplingRule,
    collectorFromRepository: collector?.fromRepository ?? false,
  };
}
