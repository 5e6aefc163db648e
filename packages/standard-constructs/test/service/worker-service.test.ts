import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ServiceImage, TrackerWorkerService } from '../../src/service';
import { nagFindings } from '../nag';
import { dataVolume, GIT_SHA, platform, Platform, workerProps } from './fixtures';

function workerStack(build: (stack: Stack, p: Platform) => void) {
  const stack = new Stack(new App(), 'S');
  build(stack, platform(stack));
  return Template.fromStack(stack);
}

/** Anisette: 256/512 on 6969, private, Cloud Map anisette-v3.anisette-v3.local, EFS /data. */
function anisette(stack: Stack, p: Platform) {
  return new TrackerWorkerService(stack, 'Anisette', workerProps(p, {
    serviceName: 'anisette',
    image: ServiceImage.fromRepository(p.repository, GIT_SHA),
    command: undefined,
    dataStores: undefined,
    containerPort: 6969,
    serviceDiscovery: { name: 'anisette-v3', namespaceName: 'anisette-v3.local' },
    efsMounts: [dataVolume(stack)],
  }));
}

describe('TaskiQ worker from the api image', () => {
  const template = workerStack((s, p) => new TrackerWorkerService(s, 'Worker', workerProps(p)));

  test('no load balancer, no port, command override, no default health check', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 0);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 0);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Family: 'tracker-restapi-staging-tracker-fetcher',
      ContainerDefinitions: [Match.objectLike({
        Name: 'tracker-fetcher',
        Command: ['taskiq', 'worker', 'app.worker:broker'],
        PortMappings: Match.absent(),
        HealthCheck: Match.absent(),
      })],
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      LoadBalancers: Match.absent(),
      HealthCheckGracePeriodSeconds: Match.absent(),
      CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1 }],
    });
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });
});

describe('anisette: private service in Cloud Map with EFS', () => {
  const template = workerStack((s, p) => anisette(s, p));

  test('registers anisette-v3 in a created anisette-v3.local namespace', () => {
    template.hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: 'anisette-v3.local', Vpc: 'vpc-12345678' });
    template.hasResourceProperties('AWS::ServiceDiscovery::Service', {
      Name: 'anisette-v3',
      DnsConfig: Match.objectLike({ DnsRecords: [{ Type: 'A', TTL: 10 }] }),
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      ServiceRegistries: [{ RegistryArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AnisetteServiceCloudmapService'), 'Arn'] } }],
    });
  });

  test('mounts the access point over TLS with IAM authorisation', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Volumes: [{
        Name: 'efs-1',
        EFSVolumeConfiguration: {
          FilesystemId: 'fs-0123456789abcdef0',
          TransitEncryption: 'ENABLED',
          AuthorizationConfig: { AccessPointId: 'fsap-0123456789abcdef0', IAM: 'ENABLED' },
        },
      }],
      ContainerDefinitions: [Match.objectLike({ MountPoints: [{ SourceVolume: 'efs-1', ContainerPath: '/data', ReadOnly: false }] })],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^AnisetteTaskRole') }],
      PolicyDocument: {
        Statement: [{
          Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
          Effect: 'Allow',
          Resource: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':file-system/fs-0123456789abcdef0'])] }),
          Condition: { StringEquals: { 'elasticfilesystem:AccessPointArn': Match.anyValue() } },
        }],
      },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: 'sg-0fedcba9876543210',
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AnisetteSecurityGroup'), 'GroupId'] },
      FromPort: 2049,
      ToPort: 2049,
    });
  });

  test('other services reach it through its connections', () => {
    const t = workerStack((s, p) => {
      const a = anisette(s, p);
      const api = new TrackerWorkerService(s, 'Fetcher', workerProps(p, { environment: { ANISETTE_SERVER: 'http://anisette-v3.anisette-v3.local:6969' } }));
      a.connections.allowFrom(api, ec2.Port.tcp(6969));
    });
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AnisetteSecurityGroup'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FetcherSecurityGroup'), 'GroupId'] },
      FromPort: 6969,
    });
  });
});

test('an existing namespace is used as given', () => {
  const template = workerStack((s, p) => {
    const namespace = servicediscovery.PrivateDnsNamespace.fromPrivateDnsNamespaceAttributes(s, 'Ns', {
      namespaceArn: 'arn:aws:servicediscovery:eu-west-2:111111111111:namespace/ns-abc', namespaceId: 'ns-abc', namespaceName: 'tracker.local',
    });
    new TrackerWorkerService(s, 'Worker', workerProps(p, { serviceDiscovery: { namespace } }));
  });
  template.resourceCountIs('AWS::ServiceDiscovery::PrivateDnsNamespace', 0);
  template.hasResourceProperties('AWS::ServiceDiscovery::Service', { Name: 'tracker-fetcher', NamespaceId: 'ns-abc' });
});

test('Fargate Spot for a worker, with the capacity providers on the cluster', () => {
  const template = workerStack((s, p) => new TrackerWorkerService(s, 'Worker', workerProps(p, { fargateSpot: true })));
  template.hasResourceProperties('AWS::ECS::Service', { CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] });
  template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', { CapacityProviders: Match.arrayWith(['FARGATE', 'FARGATE_SPOT']) });
});

test('queue depth step scaling for a worker', () => {
  const template = workerStack((s, p) => {
    const queue = sqs.Queue.fromQueueArn(s, 'Q', 'arn:aws:sqs:eu-west-2:111111111111:fetch-jobs');
    new TrackerWorkerService(s, 'Worker', workerProps(p, { autoScaling: { maxCapacity: 10, queue, queueMessagesPerTask: 50 } }));
  });
  template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
    PolicyType: 'StepScaling',
    StepScalingPolicyConfiguration: Match.objectLike({
      AdjustmentType: 'ChangeInCapacity',
      StepAdjustments: Match.arrayWith([Match.objectLike({ ScalingAdjustment: 1, MetricIntervalLowerBound: 0 })]),
    }),
  });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    MetricName: 'ApproximateNumberOfMessagesVisible',
    Threshold: 50,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  });
  template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
    TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 65 }),
  });
});

test('without a standard cluster, an unlogged ECS Exec is flagged', () => {
  const stack = new Stack(new App(), 'S');
  const p = platform(stack);
  const bare = new ecs.Cluster(stack, 'Bare', { vpc: p.vpc, enableFargateCapacityProviders: true });
  const worker = new TrackerWorkerService(stack, 'Worker', workerProps(p, { cluster: bare, enableExecuteCommand: true }));
  const warnings = worker.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
  expect(warnings).toEqual([expect.stringContaining('sessions are not logged')]);
});

describe('ECS Exec', () => {
  test('off unless asked for: no exec permissions on the task role', () => {
    const template = workerStack((s, p) => new TrackerWorkerService(s, 'Worker', workerProps(p)));
    template.hasResourceProperties('AWS::ECS::Service', { EnableExecuteCommand: false });
    expect(Object.keys(template.findResources('AWS::IAM::ManagedPolicy')).filter((id) => id.includes('ExecuteCommandPolicy'))).toEqual([]);
  });

  test('on: the ssmmessages channel in a policy of its own', () => {
    const template = workerStack((s, p) => new TrackerWorkerService(s, 'Worker', workerProps(p, { enableExecuteCommand: true })));
    template.hasResourceProperties('AWS::ECS::Service', { EnableExecuteCommand: true });
    const [policy] = Object.entries(template.findResources('AWS::IAM::ManagedPolicy')).filter(([id]) => id.includes('ExecuteCommandPolicy'));
    expect(JSON.stringify(policy[1].Properties.PolicyDocument)).toContain('ssmmessages:OpenDataChannel');
  });
});

test('cdk-nag: worker and anisette (Cloud Map, EFS, Spot, ECS Exec) have no findings', () => {
  expect(nagFindings((s) => {
    const p = platform(s);
    new TrackerWorkerService(s, 'Worker', workerProps(p, { fargateSpot: true, enableExecuteCommand: true }));
    anisette(s, p);
  })).toEqual([]);
});
