import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IMonitoredHost, StandardAlarms, StandardAlarmsProps } from '../../src/alarms';
import { DebianBookwormImage, TimescaleDataHost, TimescaleDataHostProps } from '../../src/data-host';
import { MonitoredEnvironment, MonitoredEnvironmentProps } from '../../src/monitoring';
import { importedVpc } from '../imported-vpc';

/** What a small web service has: an ALB, a target group, a Fargate service and a data host. */
export interface ServiceUnderWatch {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly service: ecs.FargateService;
  readonly host: IMonitoredHost;
}

export function serviceUnderWatch(stack: Stack, instanceType = 't3.large', serviceName = 'tracker-api'): ServiceUnderWatch {
  const vpc = importedVpc(stack);
  const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
  const targetGroup = new elbv2.ApplicationTargetGroup(stack, 'ApiTargets', {
    vpc, port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.IP,
  });
  loadBalancer.addListener('Http', { port: 80, defaultTargetGroups: [targetGroup] });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task', { cpu: 256, memoryLimitMiB: 512 });
  taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') });
  const service = new ecs.FargateService(stack, 'Service', { cluster, taskDefinition, serviceName, minHealthyPercent: 100 });
  const host: IMonitoredHost = {
    instanceId: 'i-0123456789abcdef0',
    instanceType: new ec2.InstanceType(instanceType),
    monitoredMountPaths: ['/', '/var/lib/postgresql'],
    agentMetricsNamespace: 'CWAgent',
  };
  return { loadBalancer, targetGroup, service, host };
}

/** A real `TimescaleDataHost` in the watched service's VPC (`serviceUnderWatch` first), reachable from its service. */
export function timescaleDataHost(stack: Stack, watched: ServiceUnderWatch, props: Partial<TimescaleDataHostProps> = {}): TimescaleDataHost {
  const host = new TimescaleDataHost(stack, 'DataHost', {
    vpc: watched.service.cluster.vpc,
    encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
    projectName: 'tracker',
    environmentName: 'staging',
    applicationUser: 'tracker',
    applicationDatabase: 'tracker',
    machineImage: new DebianBookwormImage({ release: 'debian-12-amd64-20250316-2053', amiIds: { 'eu-west-2': 'ami-0123456789abcdef0' } }),
    ...props,
  });
  host.allowFrom(watched.service);
  return host;
}

export const RUNBOOK = 'https://runbooks.glimpse.technology/tracker';

export function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-2' } });
}

/** Props of the alarms and of the environment they watch, in one bag; a key given as `undefined` leaves that thing out. */
export type Options = Partial<Omit<StandardAlarmsProps, 'environment'>> & Partial<MonitoredEnvironmentProps>;

/** The watched service's environment (ALB, target group, service, host) with `options` applied. */
export function watchedEnvironment(stack: Stack, options: Options = {}, watched: ServiceUnderWatch = serviceUnderWatch(stack)): MonitoredEnvironment {
  const given = <K extends keyof Options>(key: K, fallback: Options[K]): Options[K] => (key in options ? options[key] : fallback);
  return new MonitoredEnvironment(stack, 'Monitored', {
    projectName: given('projectName', 'tracker')!,
    environmentName: given('environmentName', 'staging')!,
    loadBalancer: given('loadBalancer', watched.loadBalancer),
    targetGroups: given('targetGroups', [watched.targetGroup]),
    services: given('services', [watched.service]),
    dataHost: given('dataHost', watched.host),
    dataHostComponent: options.dataHostComponent,
    postgresConnectionsMetric: options.postgresConnectionsMetric,
  });
}

export function build(stack: Stack, options: Options = {}, watched: ServiceUnderWatch = serviceUnderWatch(stack)): StandardAlarms {
  const environment = watchedEnvironment(stack, options, watched);
  return new StandardAlarms(stack, 'Alarms', {
    environment,
    runbookUrl: RUNBOOK,
    thresholds: options.thresholds,
    dashboardName: options.dashboardName,
    topic: options.topic,
    actionStrategy: options.actionStrategy,
    serviceUnhealthyAlarm: options.serviceUnhealthyAlarm,
    ...'runbookUrl' in options ? { runbookUrl: options.runbookUrl } : {},
  });
}

