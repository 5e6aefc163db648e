import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { IAlarmActionStrategy, SnsAlarmActionStrategy } from './alarm-action-strategy';
import { resolveThreshold } from './alarm-threshold';
import { componentName, slug } from './component-name';
import { importForwarderTopic } from './forwarder-topic';
import { knownMaxConnections, publishedConnections } from './host-connections';
import { IMonitoredHost } from './monitored-host';
import { Signal, SIGNALS, StandardAlarmThresholds } from './signals';
import { qualifiedName } from '../internal/names';
import { assertMatches, invalidProp } from '../internal/validation';

/** Properties of `StandardAlarms`. */
export interface StandardAlarmsProps {
  /** The project, first part of every alarm name `<project>-<env>-<component>-<signal>`. */
  readonly projectName: string;
  /** The environment, second part of every alarm name. */
  readonly environmentName: string;
  /**
   * The load balancer: 5xx rate and rejected connections.
   * @default - no load balancer alarms
   */
  readonly loadBalancer?: elbv2.IApplicationLoadBalancer;
  /**
   * Target groups (attached to a load balancer): target 5xx, p99 latency, unhealthy hosts.
   * @default - none
   */
  readonly targetGroups?: elbv2.IApplicationTargetGroup[];
  /**
   * ECS services: CPU, memory, running tasks below desired (needs Container Insights on the cluster).
   * @default - none
   */
  readonly services?: ecs.BaseService[];
  /**
   * An EC2 host running the CloudWatch agent, e.g. a `TimescaleDataHost`:
   * status checks, CPU, CPU credits (burstable types), disk and memory, and
   * PostgreSQL connections when the host publishes them (`postgresConnectionsMetric`).
   * @default - no host alarms
   */
  readonly dataHost?: IMonitoredHost;
  /**
   * The `<component>` of the host's alarms.
   * @default 'data-host'
   */
  readonly dataHostComponent?: string;
  /**
   * A metric of PostgreSQL connections on the host, used as given (with its
   * own period) instead of the host's own `postgresConnectionsMetric`.
   * @default - the data host's own `postgresConnectionsMetric` at the signal's period (a `TimescaleDataHost` publishes one); without one, no connection alarm
   */
  readonly postgresConnectionsMetric?: cloudwatch.IMetric;
  /**
   * Threshold overrides per signal.
   * @default - the documented defaults
   */
  readonly thresholds?: StandardAlarmThresholds;
  /**
   * A runbook URL put in every alarm description (the Teams card links it).
   * @default - no runbook link
   */
  readonly runbookUrl?: string;
  /**
   * The name of the environment's CloudWatch dashboard (e.g. a
   * `ServiceDashboard`'s); every alarm description links it, and the Teams
   * card shows a "Dashboard" button. Give the literal name, not a token, so
   * that the dashboard may show these alarms without a dependency cycle.
   * @default - no dashboard link
   */
  readonly dashboardName?: string;
  /**
   * The topic to notify.
   * @default - the account's Teams forwarder topic, imported by `TEAMS_ALARM_TOPIC_NAME`
   */
  readonly topic?: sns.ITopic;
  /**
   * What alarms do on state changes; give either this or `topic`.
   * @default - ALARM and OK to `topic`
   */
  readonly actionStrategy?: IAlarmActionStrategy;
  /**
   * Also create a composite `<project>-<env>-service-unhealthy` alarm, in
   * ALARM when any availability alarm is (5xx, unhealthy hosts, missing
   * tasks, failed status checks).
   * @default false
   */
  readonly serviceUnhealthyAlarm?: boolean;
}

/**
 * The organisation's standard alarm set for a service: load balancer,
 * target groups, ECS services and a data host, each alarm named
 * `<project>-<env>-<component>-<signal>`, with documented defaults,
 * deliberate missing-data handling and a runbook link, notifying the
 * account's Teams forwarder topic by default.
 */
export class StandardAlarms extends Construct {
  /** Every metric alarm created. */
  public readonly alarms: cloudwatch.Alarm[] = [];
  /** Alarms that signal a bad deployment: load balancer 5xx rate, target 5xx and p99 latency. */
  public readonly rollbackAlarms: cloudwatch.Alarm[] = [];
  /** The composite "service unhealthy" alarm, if requested. */
  public readonly serviceUnhealthyAlarm?: cloudwatch.CompositeAlarm;
  private readonly prefix: string;
  private readonly links: string;
  private readonly thresholds: StandardAlarmThresholds;
  private readonly actionStrategy: IAlarmActionStrategy;
  private readonly availabilityAlarms: cloudwatch.Alarm[] = [];
  private readonly rollbackByTargetGroup = new Map<elbv2.IApplicationTargetGroup, cloudwatch.Alarm[]>();
  /** `alarm.alarmName` is a Ref; ECS deployment alarms need the literal to avoid a cycle with the service. */
  private readonly literalNames = new Map<cloudwatch.Alarm, string>();

  constructor(scope: Construct, id: string, props: StandardAlarmsProps) {
    super(scope, id);
    this.prefix = qualifiedName(this, props.projectName, props.environmentName);
    assertMatches(this, 'runbookUrl', props.runbookUrl, /^https:\/\/\S+$/, 'Use an https:// URL without spaces.');
    if (props.topic && props.actionStrategy) {
      throw invalidProp(this, 'actionStrategy', 'given together with `topic`',
        'Give `topic` to notify a topic on ALARM and OK, or `actionStrategy` for anything else, not both.');
    }
    assertMatches(this, 'dashboardName', props.dashboardName, /^[A-Za-z0-9_-]{1,255}$/, 'Dashboard names are 1 to 255 letters, digits, `-` or `_`.');
    this.links = descriptionLinks(this, props.runbookUrl, props.dashboardName);
    this.thresholds = props.thresholds ?? {};
    this.actionStrategy = props.actionStrategy
      ?? new SnsAlarmActionStrategy({ topic: props.topic ?? importForwarderTopic(this, 'ForwarderTopic') });

    if (props.loadBalancer) this.addLoadBalancerAlarms(props.loadBalancer);
    for (const targetGroup of props.targetGroups ?? []) this.addTargetGroupAlarms(targetGroup);
    for (const service of props.services ?? []) this.addServiceAlarms(service);
    if (props.dataHost) {this.addHostAlarms(props.dataHost, props.dataHostComponent ?? 'data-host', props.postgresConnectionsMetric);} else if (props.postgresConnectionsMetric) {
      throw invalidProp(this, 'postgresConnectionsMetric', 'given without `dataHost`', 'Give the `dataHost` the connections are counted on.');
    }

    if (props.serviceUnhealthyAlarm) {
      if (this.availabilityAlarms.length === 0) {
        throw invalidProp(this, 'serviceUnhealthyAlarm', 'nothing to combine',
          'Give a load balancer, target groups, services or a data host, or leave `serviceUnhealthyAlarm` unset.');
      }
      this.serviceUnhealthyAlarm = new cloudwatch.CompositeAlarm(this, 'ServiceUnhealthy', {
        compositeAlarmName: `${this.prefix}-service-unhealthy`,
        alarmDescription: this.describe('Any availability alarm of the service is in ALARM'),
        alarmRule: cloudwatch.AlarmRule.anyOf(...this.availabilityAlarms.map((a) => cloudwatch.AlarmRule.fromAlarm(a, cloudwatch.AlarmState.ALARM))),
      });
      this.actionStrategy.addAlarmActions(this.serviceUnhealthyAlarm);
    }
  }

  /**
   * Rolls `service`'s deployments back while its rollback alarms are in
   * ALARM: the given target group's 5xx and p99 alarms (the service's own
   * traffic), else every rollback alarm. Alarm names are literals, so no
   * dependency cycle arises.
   */
  public enableDeploymentRollback(service: ecs.BaseService, targetGroup?: elbv2.IApplicationTargetGroup): void {
    const alarms = targetGroup ? this.rollbackByTargetGroup.get(targetGroup) : this.rollbackAlarms;
    if (!alarms || alarms.length === 0) {
      throw invalidProp(this, 'targetGroup', 'has no rollback alarms', 'Pass a target group listed in `targetGroups` (with its 5xx or latency alarm enabled).');
    }
    service.enableDeploymentAlarms(alarms.map((a) => this.literalNames.get(a)!), { behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM });
  }

  private addLoadBalancerAlarms(alb: elbv2.IApplicationLoadBalancer): void {
    const component = componentName(alb, undefined);
    const rate = this.alarm('loadBalancer5xxRate', component, (period) => new cloudwatch.MathExpression({
      // Rates over too few requests are noise: below 10 a period the rate counts as 0.
      expression: 'IF(requests >= 10, 100 * FILL(errors, 0) / requests, 0)',
      usingMetrics: {
        errors: alb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period, statistic: 'Sum' }),
        requests: alb.metrics.requestCount({ period, statistic: 'Sum' }),
      },
      label: 'ELB 5xx % of requests',
      period,
    }), true);
    if (rate) this.rollbackAlarms.push(rate);
    this.alarm('rejectedConnections', component, (period) => alb.metrics.rejectedConnectionCount({ period, statistic: 'Sum' }));
  }

  private addTargetGroupAlarms(tg: elbv2.IApplicationTargetGroup): void {
    const component = componentName(tg, undefined);
    const rollback = [
      this.alarm('target5xxCount', component, (period) => tg.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period, statistic: 'Sum' }), true),
      this.alarm('targetResponseTimeP99', component, (period) => tg.metrics.targetResponseTime({ period, statistic: 'p99' })),
    ].filter((a): a is cloudwatch.Alarm => a !== undefined);
    this.rollbackAlarms.push(...rollback);
    this.rollbackByTargetGroup.set(tg, rollback);
    this.alarm('unhealthyHosts', component, (period) => tg.metrics.unhealthyHostCount({ period, statistic: 'Maximum' }), true);
  }

  private addServiceAlarms(service: ecs.BaseService): void {
    // `serviceName` is a token even when given; the literal is on the L1.
    const component = componentName(service, (service.node.defaultChild as ecs.CfnService | undefined)?.serviceName);
    this.alarm('serviceCpu', component, (period) => service.metricCpuUtilization({ period, statistic: 'Average' }));
    this.alarm('serviceMemory', component, (period) => service.metricMemoryUtilization({ period, statistic: 'Average' }));
    const insights = (metricName: string, period: Duration) => new cloudwatch.Metric({
      namespace: 'ECS/ContainerInsights',
      metricName,
      dimensionsMap: { ClusterName: service.cluster.clusterName, ServiceName: service.serviceName },
      period,
      statistic: 'Average',
    });
    this.alarm('runningTasksBelowDesired', component, (period) => new cloudwatch.MathExpression({
      expression: 'desired - running',
      usingMetrics: { desired: insights('DesiredTaskCount', period), running: insights('RunningTaskCount', period) },
      label: 'Tasks below desired',
      period,
    }), true);
  }

  private addHostAlarms(host: IMonitoredHost, component: string, givenConnections?: cloudwatch.IMetric): void {
    assertMatches(this, 'dataHostComponent', component, /^[a-z0-9][a-z0-9-]{0,62}$/, 'Use lowercase letters, digits and hyphens.');
    const ec2 = (metricName: string, statistic: string) => (period: Duration) => new cloudwatch.Metric({
      namespace: 'AWS/EC2', metricName, dimensionsMap: { InstanceId: host.instanceId }, period, statistic,
    });
    const agent = (metricName: string, extra: Record<string, string>) => (period: Duration) => new cloudwatch.Metric({
      namespace: host.agentMetricsNamespace, metricName, dimensionsMap: { InstanceId: host.instanceId, ...extra }, period, statistic: 'Maximum',
    });
    this.alarm('hostStatusCheck', component, ec2('StatusCheckFailed_System', 'Maximum'), true, 'system');
    this.alarm('hostStatusCheck', component, ec2('StatusCheckFailed_Instance', 'Maximum'), true, 'instance');
    this.alarm('hostCpu', component, ec2('CPUUtilization', 'Average'));
    if (host.instanceType.isBurstable()) this.alarm('hostCpuCreditBalance', component, ec2('CPUCreditBalance', 'Minimum'));
    for (const path of host.monitoredMountPaths) {
      this.alarm('hostDiskUsed', component, agent('disk_used_percent', { path }), false, path === '/' ? 'root' : slug(path));
    }
    this.alarm('hostMemoryUsed', component, agent('mem_used_percent', {}));
    const connections = givenConnections
      ? () => givenConnections
      : host.postgresConnectionsMetric && ((period: Duration) => publishedConnections(host, period)!);
    if (connections) this.alarm('postgresConnections', component, connections, false, undefined, connectionDefaults(knownMaxConnections(host)));
  }

  /**
   * One standard alarm for `signal` on `component`, unless disabled.
   * `qualifier` distinguishes several alarms of one signal (status check kinds, mount paths).
   */
  private alarm(
    signal: keyof StandardAlarmThresholds,
    component: string,
    metric: (period: Duration) => cloudwatch.IMetric,
    availability = false,
    qualifier?: string,
    defaults: Signal = SIGNALS[signal],
  ): cloudwatch.Alarm | undefined {
    const override = this.thresholds[signal];
    if (override?.enabled === false) return undefined;
    const resolved = resolveThreshold(this, `thresholds.${signal}`, defaults, override);
    const suffix = qualifier ? `${defaults.suffix}-${qualifier}` : defaults.suffix;
    const name = `${this.prefix}-${component}-${suffix}`;
    const alarm = new cloudwatch.Alarm(this, `${component}-${suffix}`, {
      alarmName: name,
      alarmDescription: this.describe(`${defaults.what.replace('{t}', String(resolved.threshold))}${qualifier ? ` (${qualifier})` : ''}`),
      metric: metric(resolved.period),
      threshold: resolved.threshold,
      evaluationPeriods: resolved.evaluationPeriods,
      datapointsToAlarm: resolved.datapointsToAlarm,
      comparisonOperator: defaults.comparison,
      treatMissingData: defaults.missing,
    });
    this.actionStrategy.addAlarmActions(alarm);
    this.alarms.push(alarm);
    this.literalNames.set(alarm, name);
    if (availability) this.availabilityAlarms.push(alarm);
    return alarm;
  }

  private describe(what: string): string {
    return `${what}.${this.links}`;
  }
}

/** Share of `max_connections` the connections alarm defaults to. */
const CONNECTIONS_SHARE = 0.8;

/** The connections signal, its threshold 80 % of `max_connections` (rounded down) when the host says what that is. */
function connectionDefaults(maxConnections: number | undefined): Signal {
  const signal = SIGNALS.postgresConnections;
  if (maxConnections === undefined) return signal;
  return {
    ...signal,
    threshold: Math.floor(maxConnections * CONNECTIONS_SHARE),
    what: `${signal.what} (max_connections ${maxConnections})`,
  };
}

/** The labelled links the Teams card turns into buttons (see teams-forwarder/alarm-message.ts). */
function descriptionLinks(scope: Construct, runbookUrl?: string, dashboardName?: string): string {
  const region = Stack.of(scope).region;
  return [
    ...(runbookUrl ? [` Runbook: ${runbookUrl}`] : []),
    ...(dashboardName
      ? [` Dashboard: https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${dashboardName}`]
      : []),
  ].join('');
}
