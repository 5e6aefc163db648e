import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { apiProps, platform, Platform, workerProps } from './fixtures';
import { TrackerWebService, TrackerWebServiceProps, TrackerWorkerService, TrackerWorkerServiceProps } from '../../src/service';

function web(props: (p: Platform, stack: Stack) => TrackerWebServiceProps) {
  const stack = new Stack(new App(), 'S');
  return new TrackerWebService(stack, 'Svc', props(platform(stack), stack));
}

function worker(props: (p: Platform, stack: Stack) => TrackerWorkerServiceProps) {
  const stack = new Stack(new App(), 'S');
  return new TrackerWorkerService(stack, 'Svc', props(platform(stack), stack));
}

/** Validation happens before any resource exists: a failed construct leaves nothing behind in the tree. */
function expectNothingCreated(create: (stack: Stack) => void, error: RegExp): void {
  const stack = new Stack(new App(), 'S');
  expect(() => create(stack)).toThrow(error);
  const svc = stack.node.tryFindChild('Svc');
  expect(svc?.node.children.map((c) => c.node.id) ?? []).toEqual([]);
}

test.each([
  [256, 1536],
  [512, 512],
  [4096, 8000],
])('cpu %d with %d MiB is not a Fargate size', (cpu, memoryLimitMiB) => {
  expect(() => web((p) => apiProps(p, { cpu, memoryLimitMiB }))).toThrow(/S\/Svc: invalid `memoryLimitMiB`: got \d+, which Fargate does not run with cpu/);
});

test('cpu must be a Fargate cpu value', () => {
  expect(() => web((p) => apiProps(p, { cpu: 300, memoryLimitMiB: 1024 }))).toThrow(/invalid `cpu`: got 300\. Fargate cpu units are one of 256, 512/);
});

test('valid sizes across the table synthesize', () => {
  for (const [cpu, memoryLimitMiB] of [[256, 2048], [1024, 8192], [8192, 20480], [16384, 122880]]) {
    expect(() => worker((p) => workerProps(p, { cpu, memoryLimitMiB }))).not.toThrow();
  }
});

test('a web service without a listener', () => {
  expect(() => web((p) => apiProps(p, { web: { priority: 10, pathPatterns: ['/api/*'] } as unknown as TrackerWebServiceProps['web'] })))
    .toThrow(/invalid `web.listener`: a web service needs the shared ALB listener/);
});

test('a web service without paths or hosts', () => {
  expect(() => web((p) => apiProps(p, { web: { listener: p.listener, priority: 10 } })))
    .toThrow(/invalid `web.pathPatterns`: neither path patterns nor host headers/);
});

test('a web service without a container port (from a language without required-prop checks)', () => {
  expect(() => web((p) => apiProps(p, { containerPort: undefined as unknown as number })))
    .toThrow(/invalid `containerPort`: a web service must say which port/);
});

test('a web service without web options', () => {
  expect(() => web((p) => apiProps(p, { web: undefined as unknown as TrackerWebServiceProps['web'] })))
    .toThrow(/invalid `web`: a web service joins an existing ALB listener/);
});

test('two services with the same priority on one listener', () => {
  const stack = new Stack(new App(), 'S');
  const p = platform(stack);
  new TrackerWebService(stack, 'Api', apiProps(p));
  expect(() => new TrackerWebService(stack, 'Admin', apiProps(p, {
    serviceName: 'admin', containerPort: 80, web: { listener: p.listener, priority: 10, pathPatterns: ['/admin*'] },
  }))).toThrow(/S\/Admin: invalid `web.priority`: listener S\/Listener already has a rule with priority 10 \(from S\/Api\)/);
});

test('a clash with the second rule of a split service', () => {
  const stack = new Stack(new App(), 'S');
  const p = platform(stack);
  new TrackerWebService(stack, 'Api', apiProps(p, { web: { listener: p.listener, priority: 10, pathPatterns: ['/1', '/2', '/3', '/4', '/5', '/6'] } }));
  expect(() => new TrackerWebService(stack, 'Admin', apiProps(p, {
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
  new TrackerWebService(stack, 'Api', apiProps(p));
  expect(() => new TrackerWebService(stack, 'Internal', apiProps(p, {
    serviceName: 'internal', web: { listener: other, priority: 10, pathPatterns: ['/*'] },
  }))).not.toThrow();
});

test('health check path without a leading slash', () => {
  expect(() => web((p) => apiProps(p, { web: { listener: p.listener, priority: 10, pathPatterns: ['/api/*'], healthCheckPath: 'api/v1/health' } })))
    .toThrow(/invalid `web.healthCheckPath`: got 'api\/v1\/health'\. Start the health check path with '\/'/);
});

test.each([0, 65536, 80.5])('container port %p out of range', (containerPort) => {
  expect(() => web((p) => apiProps(p, { containerPort }))).toThrow(/invalid `containerPort`: got .*Use a whole number from 1 to 65535/);
  expect(() => worker((p) => workerProps(p, { containerPort }))).toThrow(/invalid `containerPort`: got /);
});

test('priority out of range', () => {
  expect(() => web((p) => apiProps(p, { web: { listener: p.listener, priority: 0, pathPatterns: ['/'] } }))).toThrow(/invalid `web.priority`: got 0/);
});

test('health check timeout not shorter than its interval', () => {
  expect(() => web((p) => apiProps(p, {
    web: { listener: p.listener, priority: 10, pathPatterns: ['/'], healthCheckInterval: Duration.seconds(10), healthCheckTimeout: Duration.seconds(10) },
  }))).toThrow(/invalid `web.healthCheckTimeout`: 10s is not shorter than the 10s interval/);
});

test.each([
  ['healthyThresholdCount', { healthyThresholdCount: 11 }],
  ['unhealthyThresholdCount', { unhealthyThresholdCount: 1 }],
  ['healthCheckInterval', { healthCheckInterval: Duration.seconds(400) }],
])('target group health check %s out of range', (prop, options) => {
  expect(() => web((p) => apiProps(p, { web: { listener: p.listener, priority: 10, pathPatterns: ['/'], ...options } })))
    .toThrow(new RegExp(`invalid \`web.${prop}\``));
});

test('five host headers leave no room for paths; six are too many', () => {
  expect(() => web((p) => apiProps(p, {
    web: { listener: p.listener, priority: 10, pathPatterns: ['/'], hostHeaders: ['a.x', 'b.x', 'c.x', 'd.x', 'e.x'] },
  }))).toThrow(/invalid `web.hostHeaders`: 5 host headers leave no room/);
  expect(() => web((p) => apiProps(p, {
    web: { listener: p.listener, priority: 10, hostHeaders: ['a.x', 'b.x', 'c.x', 'd.x', 'e.x', 'f.x'] },
  }))).toThrow(/invalid `web.hostHeaders`: got 6/);
});

test('read-only root filesystem with ECS Exec', () => {
  expect(() => worker((p) => workerProps(p, { enableExecuteCommand: true, containerOptions: { readonlyRootFilesystem: true } })))
    .toThrow(/invalid `containerOptions.readonlyRootFilesystem`: ECS Exec needs a writable root/);
  expect(() => worker((p) => workerProps(p, { containerOptions: { readonlyRootFilesystem: true } }))).not.toThrow();
});

test('request count scaling on a worker', () => {
  expect(() => worker((p) => workerProps(p, { autoScaling: { maxCapacity: 3, requestsPerTarget: 100 } })))
    .toThrow(/invalid `autoScaling.requestsPerTarget`: a worker service has no load balancer/);
});

test('autoscaling minimum above maximum, before any resource exists', () => {
  expectNothingCreated((s) => new TrackerWorkerService(s, 'Svc', workerProps(platform(s), { autoScaling: { minCapacity: 4, maxCapacity: 2 } })),
    /S\/Svc: invalid `autoScaling.minCapacity`: 4 is above maxCapacity 2\. Make minCapacity at most maxCapacity\./);
});

test.each([[1, 2, 6], [7, 2, 6], [0, 1, 4]])('desiredCount %d outside autoscaling bounds %d..%d, before any resource exists', (desiredCount, minCapacity, maxCapacity) => {
  expectNothingCreated((s) => new TrackerWebService(s, 'Svc', apiProps(platform(s), { desiredCount, autoScaling: { minCapacity, maxCapacity } })),
    new RegExp(`S/Svc: invalid \`desiredCount\`: ${desiredCount} is outside the autoscaling bounds ${minCapacity} to ${maxCapacity}\\. Give a desiredCount within`));
});

test('desiredCount within the autoscaling bounds is kept', () => {
  expect(() => web((p) => apiProps(p, { desiredCount: 3, autoScaling: { minCapacity: 2, maxCapacity: 6 } }))).not.toThrow();
});

test('CPU target outside 10..90', () => {
  expect(() => worker((p) => workerProps(p, { autoScaling: { maxCapacity: 2, targetCpuUtilizationPercent: 95 } })))
    .toThrow(/invalid `autoScaling.targetCpuUtilizationPercent`: got 95/);
});

test('queue messages per task below 1', () => {
  expect(() => worker((p) => workerProps(p, { autoScaling: { maxCapacity: 2, queueMessagesPerTask: 0 } })))
    .toThrow(/invalid `autoScaling.queueMessagesPerTask`: got 0/);
});

test('both an existing namespace and a name for a new one', () => {
  expect(() => worker((p) => workerProps(p, {
    serviceDiscovery: {
      namespace: servicediscovery.PrivateDnsNamespace.fromPrivateDnsNamespaceAttributes(new Stack(), 'Ns', { namespaceArn: 'arn', namespaceId: 'ns-1', namespaceName: 'a.local' }),
      namespaceName: 'b.local',
    },
  }))).toThrow(/invalid `serviceDiscovery.namespaceName`/);
});

test.each(['API', '1api', 'api_v2', ''])('service name %p', (serviceName) => {
  expect(() => worker((p) => workerProps(p, { serviceName }))).toThrow(/invalid `serviceName`/);
});

test.each(['Tracker', '-x'])('project name %p', (projectName) => {
  expect(() => worker((p) => workerProps(p, { projectName }))).toThrow(/invalid `projectName`/);
});

test('healthy percentages outside what ECS accepts', () => {
  expect(() => worker((p) => workerProps(p, { deployment: { maxHealthyPercent: 250 } }))).toThrow(/invalid `deployment.maxHealthyPercent`: got 250/);
  expect(() => worker((p) => workerProps(p, { deployment: { minHealthyPercent: 101 } }))).toThrow(/invalid `deployment.minHealthyPercent`: got 101/);
});

test('desired count outside 0..5000', () => {
  expect(() => worker((p) => workerProps(p, { desiredCount: -1 }))).toThrow(/invalid `desiredCount`: got -1/);
});

describe('container options', () => {
  test.each([Size.mebibytes(4), Size.mebibytes(2048), Size.kibibytes(1500)])('memory limit %p outside 6 MiB..task memory', (memoryLimit) => {
    expect(() => worker((p) => workerProps(p, { containerOptions: { memoryLimit } }))).toThrow(/invalid `containerOptions.memoryLimit`: got .* MiB\. Use whole mebibytes from 6 \(the ECS minimum\) to 512/);
  });

  test('the memory limit leaves room for the tracing collector', () => {
    const containerOptions = { memoryLimit: Size.mebibytes(1024) };
    expect(() => worker((p) => workerProps(p, { cpu: 512, memoryLimitMiB: 1024, tracing: {}, containerOptions })))
      .toThrow(/to 896, the task memory left for the application container/);
  });

  test.each(['root', '0', '0:0', 'root:app'])('root user %p is refused', (user) => {
    expect(() => worker((p) => workerProps(p, { containerOptions: { user } }))).toThrow(/invalid `containerOptions.user`: got '.*', the root user/);
  });

  test.each(['', 'a b', 'app:', ':1000'])('malformed user %p', (user) => {
    expect(() => worker((p) => workerProps(p, { containerOptions: { user } }))).toThrow(/invalid `containerOptions.user`: got/);
  });

  test.each(['1000', '1000:1000', 'app', 'app:staff'])('user %p is accepted', (user) => {
    expect(() => worker((p) => workerProps(p, { containerOptions: { user } }))).not.toThrow();
  });

  test('scratch paths without a read-only root filesystem', () => {
    expect(() => worker((p) => workerProps(p, { containerOptions: { scratchPaths: ['/tmp'] } })))
      .toThrow(/invalid `containerOptions.scratchPaths`: the root filesystem is writable/);
  });

  test.each([['tmp'], ['/tmp/'], ['/'], ['/a b']])('scratch path %p is not a plain absolute path', (path) => {
    expect(() => worker((p) => workerProps(p, { containerOptions: { readonlyRootFilesystem: true, scratchPaths: [path] } })))
      .toThrow(/invalid `containerOptions.scratchPaths`: got/);
  });

  test('two scratch paths naming one volume', () => {
    expect(() => worker((p) => workerProps(p, { containerOptions: { readonlyRootFilesystem: true, scratchPaths: ['/app/cache', '/app-cache'] } })))
      .toThrow(/invalid `containerOptions.scratchPaths`: '\/app-cache' is given twice, or names the same volume \(scratch-app-cache\)/);
  });

  test('a health check command without CMD or CMD-SHELL', () => {
    expect(() => worker((p) => workerProps(p, { containerOptions: { healthCheck: { command: ['curl', 'localhost'] } } })))
      .toThrow(/invalid `containerOptions.healthCheck.command`: got \["curl","localhost"\]\. Start the command with 'CMD'/);
  });
});

describe('the cluster and its VPC', () => {
  test('a VPC without private subnets gets our message, not CDK\'s', () => {
    expect(() => worker((p, s) => {
      const vpc = new ec2.Vpc(s, 'PublicOnly', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
      return workerProps(p, { cluster: new ecs.Cluster(s, 'Bare', { vpc, enableFargateCapacityProviders: true }) });
    })).toThrow(/S\/Svc: invalid `vpcSubnets`: the cluster's VPC S\/PublicOnly has no such subnets .*Services run in private subnets with egress/);
  });

  test('a cluster without the FARGATE_SPOT capacity provider is not changed but refused', () => {
    const stack = new Stack(new App(), 'S');
    const p = platform(stack);
    const bare = new ecs.Cluster(stack, 'Bare', { vpc: p.vpc });
    expect(() => new TrackerWorkerService(stack, 'Svc', workerProps(p, { cluster: bare, fargateSpot: true })))
      .toThrow(/S\/Svc: invalid `cluster`: S\/Bare has no FARGATE_SPOT capacity provider\. Use a StandardCluster/);
    expect(bare.capacityProviderNames).toEqual([]);
  });

  test('an imported cluster cannot be inspected and is trusted', () => {
    expect(() => worker((p, s) => workerProps(p, {
      fargateSpot: true,
      cluster: ecs.Cluster.fromClusterAttributes(s, 'Imported', { clusterName: 'x', vpc: p.vpc }),
    }))).not.toThrow();
  });
});
