import { createHash } from 'crypto';
import { Duration, SizeRoundingBehavior, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as xray from 'aws-cdk-lib/aws-xray';
import { Construct } from 'constructs';
import { TRACING_DEFAULTS } from './service-defaults';
import { ServiceTracingOptions } from './tracing-options';
import { acknowledge } from '../internal/acknowledge';
import { consolidate } from '../internal/defaults';
import { ManagedPolicyRole } from '../internal/managed-policy-role';
import { assertIntegerInRange, invalidProp } from '../internal/validation';

/**
 * The ADOT collector release this library was tested with. Public ECR has no
 * digest we can resolve at synth time without network access, and AWS
 * publishes each release under its own `vX.Y.Z` tag, never re-pushed:
 * a version tag of a first-party image is an acceptable pin for a sidecar
 * that holds no application code. Pass `collectorImage` to pin by digest.
 */
export const OTEL_COLLECTOR_IMAGE = 'public.ecr.aws/aws-observability/aws-otel-collector:v0.50.0';
export const OTEL_COLLECTOR_CONTAINER = 'aws-otel-collector';

/** X-Ray sampling rule names are at most 32 characters. */
const RULE_NAME_LIMIT = 32;
const OTLP_GRPC = 'http://localhost:4317';
/** The collector's awsproxy: X-Ray SDK samplers fetch rules and targets here (TCP), segments go to UDP 2000. */
const XRAY_PROXY = 'http://localhost:2000';

/**
 * Collector configuration: OTLP (gRPC and HTTP) and X-Ray UDP in on
 * 127.0.0.1 only (the task's containers share localhost; nothing in the VPC
 * can send spans), a memory limiter, batching, X-Ray out, and the awsproxy
 * extension for remote sampling. No metrics or logs pipelines: the task
 * role holds X-Ray permissions and nothing else.
 */
export function collectorConfig(region: string): string {
  return [
    'extensions:',
    '  health_check:',
    '    endpoint: 127.0.0.1:13133',
    '  awsproxy:',
    '    endpoint: 127.0.0.1:2000',
    `    region: ${region}`,
    'receivers:',
    '  otlp:',
    '    protocols:',
    '      grpc:',
    '        endpoint: 127.0.0.1:4317',
    '      http:',
    '        endpoint: 127.0.0.1:4318',
    '  awsxray:',
    '    endpoint: 127.0.0.1:2000',
    '    transport: udp',
    'processors:',
    '  memory_limiter:',
    '    check_interval: 1s',
    '    limit_percentage: 80',
    '    spike_limit_percentage: 25',
    '  resourcedetection:',
    '    detectors: [env, ecs]',
    '  batch/traces:',
    '    timeout: 1s',
    '    send_batch_size: 50',
    'exporters:',
    '  awsxray:',
    `    region: ${region}`,
    'service:',
    '  extensions: [health_check, awsproxy]',
    '  pipelines:',
    '    traces:',
    '      receivers: [otlp, awsxray]',
    '      processors: [memory_limiter, resourcedetection, batch/traces]',
    '      exporters: [awsxray]',
    '',
  ].join('\n');
}

/**
 * The OpenTelemetry SDK variables of the application container: service
 * name (which the sampling rule matches), environment, exporter endpoint,
 * X-Ray propagation and the X-Ray remote sampler (ADOT distros).
 */
export function otelEnvironment(tracedServiceName: string, environmentName: string): { [name: string]: string } {
  return {
    OTEL_SERVICE_NAME: tracedServiceName,
    OTEL_RESOURCE_ATTRIBUTES: `deployment.environment=${environmentName}`,
    OTEL_EXPORTER_OTLP_ENDPOINT: OTLP_GRPC,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_PROPAGATORS: 'xray,tracecontext,baggage',
    OTEL_TRACES_SAMPLER: 'xray',
    OTEL_TRACES_SAMPLER_ARG: `endpoint=${XRAY_PROXY}`,
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
  };
}

/** `name` if it fits X-Ray's 32 characters, else a prefix and a stable hash of it. */
export function samplingRuleName(name: string): string {
  if (name.length <= RULE_NAME_LIMIT) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, RULE_NAME_LIMIT - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

/** Everything `addOtelCollector` needs from the service. */
export interface OtelCollectorTarget {
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly appContainer: ecs.ContainerDefinition;
  readonly taskRole: ManagedPolicyRole;
  readonly logDriver: ecs.LogDriver;
  /** `OTEL_SERVICE_NAME`, matched by the sampling rule. */
  readonly tracedServiceName: string;
  readonly taskCpu: number;
  readonly taskMemoryMiB: number;
}

/** What tracing added to the service. */
export interface OtelCollector {
  readonly container: ecs.ContainerDefinition;
  readonly samplingRule: xray.CfnSamplingRule;
  readonly policy: iam.ManagedPolicy;
  /** The collector image's repository, when it comes from ECR. */
  readonly fromRepository: boolean;
}

/** Validates `tracing` against the task size, before anything is created. */
export function validateTracing(scope: Construct, tracing: ServiceTracingOptions, taskCpu: number, taskMemoryMiB: number): void {
  const rate = tracing.samplingRate;
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
    throw invalidProp(scope, 'tracing.samplingRate', `got ${rate}`, 'Use a fraction from 0 to 1, e.g. 0.05 for 5 % of requests.');
  }
  assertIntegerInRange(scope, 'tracing.reservoirSize', tracing.reservoirSize, 0, 1_000_000);
  assertIntegerInRange(scope, 'tracing.samplingRulePriority', tracing.samplingRulePriority, 1, 9999);
  assertIntegerInRange(scope, 'tracing.collectorCpu', tracing.collectorCpu, 0, taskCpu - 128);
  const collectorMiB = tracing.collectorMemoryLimit?.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  assertIntegerInRange(scope, 'tracing.collectorMemoryLimit', collectorMiB, 64, taskMemoryMiB - 256);
}

/**
 * Adds the ADOT collector sidecar, its X-Ray permissions (in a managed
 * policy of their own) and the service's X-Ray sampling rule.
 */
export function addOtelCollector(scope: Construct, target: OtelCollectorTarget, tracing: ServiceTracingOptions): OtelCollector {
  const settings = consolidate(TRACING_DEFAULTS, tracing);
  const image = tracing.collectorImage?.bind(scope);
  const container = target.taskDefinition.addContainer('OtelCollector', {
    containerName: OTEL_COLLECTOR_CONTAINER,
    image: image?.containerImage ?? ecs.ContainerImage.fromRegistry(OTEL_COLLECTOR_IMAGE),
    // Losing traces must not take the application down; ECS restarts the collector instead.
    essential: false,
    enableRestartPolicy: true,
    restartAttemptPeriod: Duration.seconds(60),
    cpu: settings.collectorCpu,
    memoryLimitMiB: settings.collectorMemoryLimit.toMebibytes(),
    environment: { AOT_CONFIG_CONTENT: collectorConfig(Stack.of(scope).region) },
    readonlyRootFilesystem: true,
    healthCheck: {
      // The image has no shell: exec form.
      command: ['CMD', '/healthcheck'],
      interval: Duration.seconds(30),
      timeout: Duration.seconds(5),
      retries: 3,
      startPeriod: Duration.seconds(15),
    },
    logging: target.logDriver,
  });
  // Spans sent before the collector listens are lost: start it first.
  target.appContainer.addContainerDependencies({ container, condition: ecs.ContainerDependencyCondition.START });

  const [, policy] = target.taskRole.collectGrantsIn('TracingPolicy', () => target.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'XRayWrite',
    actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
    resources: ['*'],
  })));
  acknowledge(policy!, ['AwsSolutions-IAM5[Resource::*]'],
    'X-Ray PutTraceSegments, PutTelemetryRecords, GetSamplingRules and GetSamplingTargets support no resource-level permissions; '
    + 'this policy holds those four actions only.');

  const samplingRule = new xray.CfnSamplingRule(scope, 'SamplingRule', {
    samplingRule: {
      ruleName: samplingRuleName(target.tracedServiceName),
      priority: settings.samplingRulePriority,
      fixedRate: settings.samplingRate,
      reservoirSize: settings.reservoirSize,
      serviceName: target.tracedServiceName,
      serviceType: '*',
      host: '*',
      httpMethod: '*',
      urlPath: '*',
      resourceArn: '*',
      version: 1,
    },
  });
  return { container, samplingRule, policy: policy!, fromRepository: image?.repository !== undefined };
}

