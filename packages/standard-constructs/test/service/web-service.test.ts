import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TrackerWebService } from '../../src/service';
import { nagFindings } from '../nag';
import { alarm, apiProps, platform } from './fixtures';

function webStack(build: (stack: Stack, p: ReturnType<typeof platform>) => void = (s, p) => new TrackerWebService(s, 'Api', apiProps(p))) {
  const stack = new Stack(new App(), 'S');
  build(stack, platform(stack));
  return Template.fromStack(stack);
}

describe('web service (an API on port 8000)', () => {
  const template = webStack();

  test('task definition: own family, explicit size, one essential container with a memory limit and init, no container health check', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Family: 'tracker-restapi-staging-api',
      Cpu: '512',
      Memory: '1024',
      RequiresCompatibilities: ['FARGATE'],
      RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
      ContainerDefinitions: [Match.objectLike({
        Name: 'api',
        Essential: true,
        PortMappings: [{ ContainerPort: 8000, Protocol: 'tcp' }],
        Memory: 1024,
        HealthCheck: Match.absent(),
        LinuxParameters: Match.objectLike({ InitProcessEnabled: true }),
        ReadonlyRootFilesystem: false,
        LogConfiguration: {
          LogDriver: 'awslogs',
          Options: Match.objectLike({ 'awslogs-group': { Ref: Match.stringLikeRegexp('^ApiLogGroup') }, 'awslogs-stream-prefix': 'api', 'mode': 'non-blocking' }),
        },
      })],
    });
    template.resourceCountIs('AWS::ECS::TaskDefinition', 1);
  });

  test('data store variables, SECRET_KEY and passwords as secrets', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        Environment: Match.arrayWith([
          { Name: 'DB_HOST', Value: 'db.tracker.internal' },
          { Name: 'CACHE_DB', Value: '0' },
        ]),
        Secrets: Match.arrayWith([
          Match.objectLike({ Name: 'DB_PASSWORD' }),
          Match.objectLike({ Name: 'REDIS_PASSWORD' }),
          Match.objectLike({ Name: 'SECRET_KEY' }),
        ]),
      })],
    });
  });

  test('log group /aws/ecs/<project>-<env>/<service>: KMS, 90 days, retained', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: '/aws/ecs/tracker-restapi-staging/api',
        RetentionInDays: 90,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('deployment: circuit breaker rollback, 50/200, no exec, tags propagated, managed tags, Fargate, private', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      ServiceName: 'api',
      DesiredCount: 1,
      DeploymentConfiguration: {
        MinimumHealthyPercent: 50,
        MaximumPercent: 200,
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      },
      EnableExecuteCommand: false,
      PropagateTags: 'TASK_DEFINITION',
      EnableECSManagedTags: true,
      CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1 }],
      HealthCheckGracePeriodSeconds: 60,
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED', Subnets: ['subnet-11111111', 'subnet-22222222'] }) },
      LoadBalancers: [{ ContainerName: 'api', ContainerPort: 8000, TargetGroupArn: { Ref: Match.stringLikeRegexp('^ApiTargetGroup') } }],
    });
  });

  test('ip target group with the health check on the given path', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8000,
      Protocol: 'HTTP',
      TargetType: 'ip',
      HealthCheckPath: '/api/v1/health',
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 2,
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      Matcher: { HttpCode: '200' },
      TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]),
    });
  });

  test('one listener rule on the existing listener with the five api paths', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      ListenerArn: Match.stringLikeRegexp('listener/app/tracker/'),
      Priority: 10,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*', '/api/v1/*', '/docs', '/redoc', '/openapi.json'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('^ApiTargetGroup') } }],
    });
  });

  test('ingress only from the ALB security group on the container port; egress HTTPS only (data stores need a peer)', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiSecurityGroup'), 'GroupId'] },
      SourceSecurityGroupId: 'sg-0a1b2c3d4e5f67890',
      FromPort: 8000,
      ToPort: 8000,
    });
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 1);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupEgress: [
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443 }),
      ],
    });
    // The one standalone egress rule is the ALB's, to the tasks.
    template.resourceCountIs('AWS::EC2::SecurityGroupEgress', 1);
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { GroupId: 'sg-0a1b2c3d4e5f67890', FromPort: 8000, ToPort: 8000 });
  });

  test('dedicated execution and task roles, trusted only by ECS of this account', () => {
    const trust = {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']] } },
          },
        }],
      },
    };
    expect(Object.keys(template.findResources('AWS::IAM::Role', { Properties: trust })).sort())
      .toEqual([expect.stringMatching(/^ApiExecutionRole/), expect.stringMatching(/^ApiTaskRole/)]);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ExecutionRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiExecutionRole'), 'Arn'] },
      TaskRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiTaskRole'), 'Arn'] },
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('the execution role reads exactly the given secrets and writes its own log group', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^ApiExecutionRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiLogGroup'), 'Arn'] } },
          {
            Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
            Effect: 'Allow',
            Resource: 'arn:aws:secretsmanager:eu-west-2:111111111111:secret:tracker/staging/SecretKey-AbCdEf',
          },
        ]),
      },
    });
  });

  test('standard tags: Component on everything, ImageVersion on the task definition', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Tags: Match.arrayWith([{ Key: 'Component', Value: 'api' }, { Key: 'ImageVersion', Value: '4f3ebae951a368bda79d84632a831a4f266b1bed' }]),
    });
    template.hasResourceProperties('AWS::ECS::Service', { Tags: Match.arrayWith([{ Key: 'Component', Value: 'api' }]) });
  });
});

test('deployment alarms roll a deployment back', () => {
  webStack((s, p) => new TrackerWebService(s, 'Api', apiProps(p, { deployment: { alarms: [alarm(s, 'A5xx'), alarm(s, 'Latency')] } })))
    .hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({
        Alarms: { AlarmNames: ['A5xx', 'Latency'], Enable: true, Rollback: true },
      }),
    });
});

test('autoscaling: CPU target 65% and request count per target', () => {
  const template = webStack((s, p) => new TrackerWebService(s, 'Api', apiProps(p, { autoScaling: { minCapacity: 2, maxCapacity: 6, requestsPerTarget: 500 } })));
  template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 6 });
  template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 2 });
  template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
    TargetTrackingScalingPolicyConfiguration: Match.objectLike({
      PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      TargetValue: 65,
      ScaleInCooldown: 300,
      ScaleOutCooldown: 60,
    }),
  });
  template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
    TargetTrackingScalingPolicyConfiguration: Match.objectLike({
      PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }),
      TargetValue: 500,
    }),
  });
});

test('more than five paths and hosts split into rules with consecutive priorities', () => {
  const template = webStack((s, p) => new TrackerWebService(s, 'Admin', apiProps(p, {
    serviceName: 'admin',
    containerPort: 80,
    web: { listener: p.listener, priority: 20, hostHeaders: ['admin.example.com'], pathPatterns: ['/a', '/b', '/c', '/d', '/e', '/f'] },
  })));
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
    Priority: 20,
    Conditions: [
      { Field: 'host-header', HostHeaderConfig: { Values: ['admin.example.com'] } },
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/a', '/b', '/c', '/d'] } },
    ],
  });
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
    Priority: 21,
    Conditions: [
      { Field: 'host-header', HostHeaderConfig: { Values: ['admin.example.com'] } },
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/e', '/f'] } },
    ],
  });
});

test('a desired count within the autoscaling bounds is the starting point', () => {
  const template = webStack((s, p) => new TrackerWebService(s, 'Api', apiProps(p, { desiredCount: 3, autoScaling: { minCapacity: 2, maxCapacity: 6 } })));
  template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 3 });
});

test('deployment limits as given', () => {
  webStack((s, p) => new TrackerWebService(s, 'Api', apiProps(p, { deployment: { minHealthyPercent: 100, maxHealthyPercent: 150 } })))
    .hasResourceProperties('AWS::ECS::Service', { DeploymentConfiguration: Match.objectLike({ MinimumHealthyPercent: 100, MaximumPercent: 150 }) });
});

test('two services share one listener with distinct priorities', () => {
  const template = webStack((s, p) => {
    new TrackerWebService(s, 'Api', apiProps(p));
    new TrackerWebService(s, 'Admin', apiProps(p, {
      serviceName: 'admin', containerPort: 80, web: { listener: p.listener, priority: 20, pathPatterns: ['/admin*', '/health*'] },
    }));
  });
  template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 2);
});

test('cdk-nag: a web service in a standard cluster has no findings', () => {
  expect(nagFindings((s) => {
    const p = platform(s);
    new TrackerWebService(s, 'Api', apiProps(p, { deployment: { alarms: [alarm(s, 'A5xx')] }, enableExecuteCommand: true, autoScaling: { maxCapacity: 4, requestsPerTarget: 500 } }));
  })).toEqual([]);
});
