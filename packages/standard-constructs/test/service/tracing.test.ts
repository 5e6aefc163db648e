import { App, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DIGEST, apiProps, platform, workerProps } from './fixtures';
import { ServiceImage, TrackerFargateService, TrackerWebService, TrackerWorkerService } from '../../src/service';
import { samplingRuleName } from '../../src/service/otel-collector';
import { nagFindings } from '../nag';

function traced(build: (stack: Stack) => TrackerFargateService) {
  const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-2' } });
  const service = build(stack);
  return { service, template: Template.fromStack(stack) };
}

const api = (stack: Stack) => new TrackerWebService(stack, 'Api', apiProps(platform(stack), { tracing: {} }));

describe('tracing: ADOT collector sidecar', () => {
  const { service, template } = traced(api);

  test('off by default: one container, no sampling rule, no X-Ray permissions', () => {
    const plain = traced((s) => new TrackerWebService(s, 'Api', apiProps(platform(s))));
    expect(plain.service.otelCollector).toBeUndefined();
    plain.template.resourceCountIs('AWS::XRay::SamplingRule', 0);
    expect(JSON.stringify(plain.template.toJSON())).not.toMatch(/xray:|aws-otel-collector|OTEL_/);
  });

  test('the sidecar: pinned ADOT image, not essential, restarted, read-only, health-checked, logging to the service log group', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([Match.objectLike({
        Name: 'aws-otel-collector',
        Image: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.50.0',
        Essential: false,
        Cpu: 64,
        Memory: 128,
        ReadonlyRootFilesystem: true,
        RestartPolicy: Match.objectLike({ Enabled: true, RestartAttemptPeriod: 60 }),
        HealthCheck: Match.objectLike({ Command: ['CMD', '/healthcheck'] }),
        Environment: [{ Name: 'AOT_CONFIG_CONTENT', Value: Match.stringLikeRegexp('exporters:\\n  awsxray:\\n    region: eu-west-2') }],
        LogConfiguration: {
          LogDriver: 'awslogs',
          Options: Match.objectLike({ 'awslogs-group': { Ref: Match.stringLikeRegexp('^ApiLogGroup') }, 'mode': 'non-blocking' }),
        },
        PortMappings: Match.absent(),
      })]),
    });
    expect(service.otelCollector?.containerName).toBe('aws-otel-collector');
  });

  test('collector config: receivers on 127.0.0.1 only, traces pipeline to X-Ray, no metrics or logs pipelines', () => {
    const config = sidecar(template).Environment[0].Value as string;
    expect(config).not.toMatch(/0\.0\.0\.0/);
    expect(config).toMatch(/grpc:\n {8}endpoint: 127\.0\.0\.1:4317/);
    expect(config).toMatch(/awsproxy:\n {4}endpoint: 127\.0\.0\.1:2000/);
    expect(config).toMatch(/traces:\n {6}receivers: \[otlp, awsxray\]\n {6}processors: \[memory_limiter, resourcedetection, batch\/traces\]\n {6}exporters: \[awsxray\]/);
    expect(config).not.toMatch(/awsemf|metrics:|logs:/);
  });

  test('the application starts after the collector and gets the OTEL_* variables', () => {
    const app = container(template, 'api');
    expect(app.DependsOn).toEqual([{ ContainerName: 'aws-otel-collector', Condition: 'START' }]);
    expect(app.Environment).toEqual(expect.arrayContaining([
      { Name: 'OTEL_SERVICE_NAME', Value: 'tracker-restapi-staging-api' },
      { Name: 'OTEL_EXPORTER_OTLP_ENDPOINT', Value: 'http://localhost:4317' },
      { Name: 'OTEL_PROPAGATORS', Value: 'xray,tracecontext,baggage' },
      { Name: 'OTEL_TRACES_SAMPLER', Value: 'xray' },
      { Name: 'OTEL_TRACES_SAMPLER_ARG', Value: 'endpoint=http://localhost:2000' },
    ]));
  });

  test('the application\'s own environment wins over the OTEL_* defaults', () => {
    const { template: t } = traced((s) => new TrackerWebService(s, 'Api', apiProps(platform(s), {
      tracing: {}, environment: { OTEL_SERVICE_NAME: 'custom' },
    })));
    expect(container(t, 'api').Environment).toEqual(expect.arrayContaining([{ Name: 'OTEL_SERVICE_NAME', Value: 'custom' }]));
  });

  test('task role: exactly the four X-Ray write actions, in a policy of their own', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^ApiTaskRole') }],
      PolicyDocument: {
        Statement: [{
          Sid: 'XRayWrite',
          Effect: 'Allow',
          Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
          Resource: '*',
        }],
        Version: '2012-10-17',
      },
    });
    const xrayActions = JSON.stringify(template.toJSON()).match(/xray:[A-Za-z]+/g) ?? [];
    expect(new Set(xrayActions)).toEqual(new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets']));
  });

  test('execution role gets no X-Ray permission', () => {
    const policies = template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^ApiExecutionRole') }] } });
    expect(Object.keys(policies).length).toBeGreaterThan(0);
    expect(JSON.stringify(policies)).not.toMatch(/xray:/);
  });

  test('sampling rule for the service: 1 a second then 5 %, priority 1000', () => {
    template.hasResourceProperties('AWS::XRay::SamplingRule', {
      SamplingRule: {
        RuleName: 'tracker-restapi-staging-api',
        ServiceName: 'tracker-restapi-staging-api',
        FixedRate: 0.05,
        ReservoirSize: 1,
        Priority: 1000,
        ServiceType: '*',
        Host: '*',
        HTTPMethod: '*',
        URLPath: '*',
        ResourceARN: '*',
        Version: 1,
      },
    });
  });

  test('options: rate, reservoir, priority, collector size and a digest-pinned image', () => {
    const { template: t } = traced((s) => new TrackerWebService(s, 'Api', apiProps(platform(s), {
      tracing: {
        samplingRate: 0.5,
        reservoirSize: 5,
        samplingRulePriority: 10,
        collectorCpu: 128,
        collectorMemoryLimit: Size.mebibytes(256),
        collectorImage: ServiceImage.fromRegistryDigest('public.ecr.aws/aws-observability/aws-otel-collector', DIGEST),
      },
    })));
    t.hasResourceProperties('AWS::XRay::SamplingRule', { SamplingRule: Match.objectLike({ FixedRate: 0.5, ReservoirSize: 5, Priority: 10 }) });
    expect(sidecar(t)).toMatchObject({ Cpu: 128, Memory: 256, Image: `public.ecr.aws/aws-observability/aws-otel-collector@${DIGEST}` });
  });

  test('long names are cut to X-Ray\'s 32 characters with a stable hash', () => {
    const long = 'tracker-restapi-production-tracker-fetcher-2';
    const name = samplingRuleName(long);
    expect(name).toHaveLength(32);
    expect(name).toMatch(/^tracker-restapi-product-[0-9a-f]{8}$/);
    expect(samplingRuleName(long)).toBe(name);
    expect(samplingRuleName(`${long}x`)).not.toBe(name);
    const { template: t } = traced((s) => new TrackerWorkerService(s, 'W', workerProps(platform(s), {
      environmentName: 'production', serviceName: 'tracker-fetcher-2', tracing: {},
    })));
    t.hasResourceProperties('AWS::XRay::SamplingRule', { SamplingRule: Match.objectLike({ RuleName: samplingRuleName(long), ServiceName: long }) });
  });

  test('cdk-nag: clean for a traced web service and a traced worker', () => {
    expect(nagFindings((s) => {
      const p = platform(s);
      new TrackerWebService(s, 'Api', apiProps(p, { tracing: {} }));
      new TrackerWorkerService(s, 'Worker', workerProps(p, { tracing: {} }));
    })).toEqual([]);
  });
});

describe('tracing validation', () => {
  const build = (tracing: object, size = { cpu: 256, memoryLimitMiB: 512 }) => () =>
    traced((s) => new TrackerWorkerService(s, 'W', workerProps(platform(s), { ...size, tracing })));

  test('samplingRate outside 0..1', () => {
    expect(build({ samplingRate: 5 })).toThrow(/invalid `tracing.samplingRate`: got 5\. Use a fraction from 0 to 1/);
  });
  test('reservoirSize not a whole number', () => {
    expect(build({ reservoirSize: 1.5 })).toThrow(/invalid `tracing.reservoirSize`: got 1.5/);
  });
  test('samplingRulePriority outside 1..9999', () => {
    expect(build({ samplingRulePriority: 10000 })).toThrow(/invalid `tracing.samplingRulePriority`: got 10000\. Use a whole number from 1 to 9999/);
  });
  test('collectorCpu leaving the application less than 128 units', () => {
    expect(build({ collectorCpu: 200 })).toThrow(/invalid `tracing.collectorCpu`: got 200\. Use a whole number from 0 to 128/);
  });
  test('collectorMemoryLimit leaving the application less than 256 MiB, or not whole mebibytes', () => {
    expect(build({ collectorMemoryLimit: Size.mebibytes(384) })).toThrow(/invalid `tracing.collectorMemoryLimit`: got 384\. Use a whole number from 64 to 256/);
    expect(build({ collectorMemoryLimit: Size.kibibytes(100_000) })).toThrow(/invalid `tracing.collectorMemoryLimit`: got 97.65625/);
  });
  test('a mutable collector image tag', () => {
    expect(build({ collectorImage: ServiceImage.fromRegistryDigest('public.ecr.aws/aws-observability/aws-otel-collector:latest', DIGEST) }))
      .toThrow(/invalid `image`/);
  });
});

type ContainerJson = { Name: string; Environment: { Name: string; Value: unknown }[]; DependsOn?: unknown; [k: string]: unknown };

function container(template: Template, name: string): ContainerJson {
  const definitions = Object.values(template.findResources('AWS::ECS::TaskDefinition'))
    .flatMap((r) => r.Properties.ContainerDefinitions as ContainerJson[]);
  const found = definitions.find((c) => c.Name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found;
}

function sidecar(template: Template): ContainerJson {
  return container(template, 'aws-otel-collector');
}
