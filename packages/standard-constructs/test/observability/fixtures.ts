import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IMonitoredHost } from '../../src/alarms';
import { serviceUnderWatch } from '../alarms/fixtures';

/** An environment to watch: ALB and target group, a Fargate service, a data host, a forwarder. */
export interface Environment {
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;
  readonly targetGroup: elbv2.IApplicationTargetGroup;
  readonly service: ecs.IBaseService;
  readonly host: IMonitoredHost;
  readonly forwarder: lambda.IFunction;
  readonly deadLetterQueue: sqs.IQueue;
  readonly logGroups: logs.ILogGroup[];
}

export function environment(stack: Stack, instanceType = 't3.large'): Environment {
  const watched = serviceUnderWatch(stack, instanceType, 'api');
  const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-2:111111111111:key/11111111-2222-3333-4444-555555555555');
  return {
    ...watched,
    forwarder: lambda.Function.fromFunctionName(stack, 'Forwarder', 'teams-alarm-forwarder'),
    deadLetterQueue: sqs.Queue.fromQueueAttributes(stack, 'Dlq', {
      queueArn: 'arn:aws:sqs:eu-west-2:111111111111:teams-alarm-forwarder-dlq',
      keyArn: key.keyArn,
    }),
    logGroups: [logs.LogGroup.fromLogGroupName(stack, 'ApiLogs', '/aws/ecs/tracker-restapi-staging/api')],
  };
}

/** A dashboard widget as CloudWatch stores it (tokens rendered as `${Ref}` / `${Res.Attr}`). */
export interface Widget {
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: {
    readonly title?: string;
    readonly markdown?: string;
    readonly metrics?: unknown[][];
    readonly alarms?: string[];
    readonly query?: string;
    readonly [key: string]: unknown;
  };
}

function render(part: unknown): string {
  if (typeof part === 'string') return part;
  const p = part as Record<string, unknown>;
  if ('Ref' in p) return `\${${p.Ref as string}}`;
  if ('Fn::GetAtt' in p) return `\${${(p['Fn::GetAtt'] as string[]).join('.')}}`;
  if ('Fn::Select' in p) return '${Select}';
  throw new Error(`cannot render ${JSON.stringify(part)}`);
}

/** The widgets of the only dashboard in `template`. */
export function dashboardWidgets(template: Template): Widget[] {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0].Properties.DashboardBody;
  const text = typeof body === 'string' ? body : (body['Fn::Join'][1] as unknown[]).map(render).join('');
  return JSON.parse(text).widgets as Widget[];
}

/** Widgets whose title matches. */
export function titled(widgets: Widget[], title: RegExp): Widget[] {
  return widgets.filter((w) => title.test(w.properties.title ?? ''));
}

/** The same environment imported by name and ARN: nothing but the dashboard is created. */
export function importedEnvironment(stack: Stack): Environment {
  const e = environment(new Stack(new App(), 'Elsewhere'));
  const alb = 'arn:aws:elasticloadbalancing:eu-west-2:111111111111:loadbalancer/app/tracker/0123456789abcdef';
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-12345678', availabilityZones: ['eu-west-2a'], privateSubnetIds: ['subnet-11111111'] });
  const cluster = ecs.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'tracker-restapi-staging', vpc });
  return {
    loadBalancer: elbv2.ApplicationLoadBalancer.fromApplicationLoadBalancerAttributes(stack, 'Alb', {
      loadBalancerArn: alb, securityGroupId: 'sg-0a1b2c3d4e5f67890',
    }),
    targetGroup: elbv2.ApplicationTargetGroup.fromTargetGroupAttributes(stack, 'ApiTargets', {
      targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-2:111111111111:targetgroup/api/0123456789abcdef',
      loadBalancerArns: alb,
    }),
    service: ecs.FargateService.fromFargateServiceAttributes(stack, 'Service', { cluster, serviceName: 'api' }),
    host: e.host,
    forwarder: lambda.Function.fromFunctionName(stack, 'Forwarder', 'teams-alarm-forwarder'),
    deadLetterQueue: sqs.Queue.fromQueueArn(stack, 'Dlq', 'arn:aws:sqs:eu-west-2:111111111111:teams-alarm-forwarder-dlq'),
    logGroups: [logs.LogGroup.fromLogGroupName(stack, 'ApiLogs', '/aws/ecs/tracker-restapi-staging/api')],
  };
}
