import { App, Duration, Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { apiProps, platform, Platform, workerProps } from './fixtures';
import { TrackerFargateService, TrackerFargateServiceProps } from '../../src/service';

function build(props: (p: Platform) => TrackerFargateServiceProps) {
  const stack = new Stack(new App(), 'S');
  return new TrackerFargateService(stack, 'Svc', props(platform(stack)));
}

test.each([
  [256, 1536],
  [512, 512],
  [4096, 8000],
])('cpu %d with %d MiB is not a Fargate size', (cpu, memoryLimitMiB) => {
  expect(() => build((p) => apiProps(p, { cpu, memoryLimitMiB }))).toThrow(/S\/Svc: invalid `memoryLimitMiB`: got \d+, which Fargate does not run with cpu/);
});

test('cpu must be a Fargate cpu value', () => {
  expect(() => build((p) => apiProps(p, { cpu: 300, memoryLimitMiB: 1024 }))).toThrow(/invalid `cpu`: got 300\. Fargate cpu units are one of 256, 512/);
});

test('valid sizes across the table synthesize', () => {
  for (const [cpu, memoryLimitMiB] of [[256, 2048], [1024, 8192], [8192, 20480], [16384, 122880]]) {
    expect(() => build((p) => workerProps(p, { cpu, memoryLimitMiB }))).not.toThrow();
  }
});

test('web mode without a listener', () => {
  expect(() => build((p) => apiProps(p, { web: { priority: 10, pathPatterns: ['/api/*'] } as unknown as TrackerFargateServiceProps['web'] })))
    .toThrow(/invalid `web.listener`: a web service needs the shared ALB listener/);
});

test('web mode without paths or hosts', () => {
  expect(() => build((p) => apiProps(p, { web: { listener: p.listener, priority: 10 } })))
    .toThrow(/invalid `web.pathPatterns`: neither path patterns nor host headers/);
});

test('web mode without a container port', () => {
  expect(() => build((p) => apiProps(p, { containerPort: undefined }))).toThrow(/invalid `containerPort`: a web service must say which port/);
});

test('two services with the same priority on one listener', () => {
  const stack = new Stack(new App(), 'S');
  const p = platform(stack);
  new TrackerFargateService(stack, 'Api', apiProps(p));
  expect(() => new TrackerFargateService(stack, 'Admin', apiProps(p, {
    serviceName: 'admin', containerPort: 80, web: { listener: p.listener, priority: 10, pathPatterns: ['/admin*'] },
  }))).toThrow(/S\/Admin: invalid `web.priority`: listener S\/Listener already has a rule with priority 10 \(from S\/Api\)/);
});

test('a clash with the second rule of a split service', () => {
  const stack = new Stack(new App(), 'S');
  const p = platform(stack);
  new TrackerFargateService(stack, 'Api', apiProps(p, { web: { listener: p.listener, priority: 10, pathPatterns: ['/1', '/2', '/3', '/4', '/5', '/6'] } }));
  expect(() => new TrackerFargateService(stack, 'Admin', apiProps(p, {
    serviceName: 'admin', web: { listener: p.listener, priority: 11, pathPatterns: ['/admin*'] },
  }))).toThrow(/already has a rule with priority 11/);
});

test('the same priority on different listeners is fine', () => {
  const stack = new Stack(new App(), 'S');
  const p = platform(stack);
  const other = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'Other', {
    listenerArn: 'arn:aws:elasticloadbalancing:eu-west-2:111111111111:listener/app/internal/0123456789abcdef/fedcba9876543210',
    securityGroup: p.listener.connections.securityGroups[0],
  });
  new TrackerFargateService(stack, 'Api', apiProps(p));
  expect(() => new TrackerFargateService(stack, 'Internal', apiProps(p, {
    serviceName: 'internal', web: { listener: other, priority: 10, pathPatterns: ['/*'] },
  }))).not.toThrow();
});

test('Fargate Spot on a web service', () => {
  expect(() => build((p) => apiProps(p, { fargateSpot: true }))).toThrow(/invalid `fargateSpot`: web services must not run on Fargate Spot/);
});

test('health check path without a leading slash', () => {
  expect(() => build((p) => apiProps(p, { web: { listener: p.listener, priority: 10, pathPatterns: ['/api/*'], healthCheckPath: 'api/v1/health' } })))
    .toThrow(/invalid `web.healthCheckPath`: got 'api\/v1\/health'\. Start the health check path with '\/'/);
});

test.each([0, 65536, 80.5])('container port %p out of range', (containerPort) => {
  expect(() => build((p) => apiProps(p, { containerPort }))).toThrow(/invalid `containerPort`: got .*Use a whole number from 1 to 65535/);
});

test('priority out of range', () => {
  expect(() => build((p) => apiProps(p, { web: { listener: p.listener, priority: 0, pathPatterns: ['/'] } }))).toThrow(/invalid `web.priority`: got 0/);
});

test('health check timeout not shorter than its interval', () => {
  expect(() => build((p) => apiProps(p, {
    web: { listener: p.listener, priority: 10, pathPatterns: ['/'], healthCheckInterval: Duration.seconds(10), healthCheckTimeout: Duration.seconds(10) },
  }))).toThrow(/invalid `web.healthCheckTimeout`: 10s is not shorter than the 10s interval/);
});

test('five host headers leave no room for paths', () => {
  expect(() => build((p) => apiProps(p, {
    web: { listener: p.listener, priority: 10, pathPatterns: ['/'], hostHeaders: ['a.x', 'b.x', 'c.x', 'd.x', 'e.x'] },
  }))).toThrow(/invalid `web.hostHeaders`: 5 host headers leave no room/);
});

test('read-only root filesystem with ECS Exec', () => {
  expect(() => build((p) => workerProps(p, { readonlyRootFilesystem: true }))).toThrow(/invalid `readonlyRootFilesystem`: ECS Exec needs a writable root/);
  expect(() => build((p) => workerProps(p, { readonlyRootFilesystem: true, enableExecuteCommand: false }))).not.toThrow();
});

test('request count scaling on a worker', () => {
  expect(() => build((p) => workerProps(p, { autoScaling: { maxCapacity: 3, requestsPerTarget: 100 } })))
    .toThrow(/invalid `autoScaling.requestsPerTarget`: a worker service has no load balancer/);
});

test('autoscaling minimum above maximum', () => {
  expect(() => build((p) => workerProps(p, { autoScaling: { minCapacity: 4, maxCapacity: 2 } }))).toThrow(/invalid `autoScaling.minCapacity`: got 4/);
});

test('CPU target outside 10..90', () => {
  expect(() => build((p) => workerProps(p, { autoScaling: { maxCapacity: 2, targetCpuUtilizationPercent: 95 } })))
    .toThrow(/invalid `autoScaling.targetCpuUtilizationPercent`: got 95/);
});

test('both an existing namespace and a name for a new one', () => {
  expect(() => build((p) => workerProps(p, {
    serviceDiscovery: {
      namespace: servicediscovery.PrivateDnsNamespace.fromPrivateDnsNamespaceAttributes(new Stack(), 'Ns', { namespaceArn: 'arn', namespaceId: 'ns-1', namespaceName: 'a.local' }),
      namespaceName: 'b.local',
    },
  }))).toThrow(/invalid `serviceDiscovery.namespaceName`/);
});

test.each(['API', '1api', 'api_v2', ''])('service name %p', (serviceName) => {
  expect(() => build((p) => workerProps(p, { serviceName }))).toThrow(/invalid `serviceName`/);
});

test('healthy percentages outside what ECS accepts', () => {
  expect(() => build((p) => workerProps(p, { maxHealthyPercent: 250 }))).toThrow(/invalid `maxHealthyPercent`: got 250/);
});
