import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { IAlarmActionStrategy, SnsAlarmActionStrategy } from './alarm-action-strategy';
import { PlannedAlarm, planAlarms } from './alarm-plan';
import { importForwarderTopic } from './forwarder-topic';
import { ResolvedThreshold, resolveThreshold } from './resolve-threshold';
import { COMPARISON_SYMBOL, SignalKey, SIGNALS } from './signal-defaults';
import { StandardAlarmThresholds } from './standard-alarm-thresholds';
import { assertTopicInRegion } from './topic-region';
import { assertMatches, invalidProp } from '../internal/validation';
import { TargetGroupMetrics } from '../monitoring/load-balancer-metrics';
import { MonitoredEnvironment } from '../monitoring/monitored-environment';

/** Properties of `StandardAlarms`. */
export interface StandardAlarmsProps {
  /** What to alarm on: the environment's load balancer, target groups, services and data host, declared once. */
  readonly environment: MonitoredEnvironment;
  /**
   * Threshold overrides per signal. A signal the environment does not have is rejected.
   * @default - the documented defaults
   */
  readonly thresholds?: StandardAlarmThresholds;
  /**
   * A runbook URL put in every alarm description (the Teams card links it).
   * @default - no runbook link
   */
  readonly runbookUrl?: string;
  /**
   * The name of the environment's CloudWatch dashboard, e.g. the
   * environment's `dashboardName` when a `ServiceDashboard` shows it; every
   * alarm description links it, and the Teams card shows a "Dashboard" button.
   * Give the literal name, not a token, so that the dashboard may show these
   * alarms without a dependency cycle.
   * @default - no dashboard link
   */
  readonly dashboardName?: string;
  /**
   * The topic to notify, in the stack's region (CloudWatch sends alarm actions only within a region).
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
 * The organisation's standard alarm set for an environment's load balancer,
 * target groups, ECS services and data host, each alarm named
 * `<project>-<env>-<component>-<signal>`, with documented defaults,
 * deliberate missing-data handling and a runbook link, notifying the
 * account's Teams forwarder topic by default. The alarms use the
 * environment's metrics and record their thresholds there, so the
 * environment's `ServiceDashboard` draws them on the same graphs.
 */
export class StandardAlarms extends Construct {
  /** Every metric alarm created. */
  public readonly alarms: cloudwatch.Alarm[] = [];
  /** Alarms that signal a bad deployment: load balancer 5xx rate, target 5xx and p99 latency. */
  public readonly rollbackAlarms: cloudwatch.Alarm[] = [];
  /** The composite "service unhealthy" alarm, if requested. */
  public readonly serviceUnhealthyAlarm?: cloudwatch.CompositeAlarm;
  private readonly links: string;
  private readonly rollbackByTargetGroup = new Map<elbv2.IApplicationTargetGroup, cloudwatch.Alarm[]>();
  /** `alarm.alarmName` is a Ref; ECS deployment alarms need the literal to avoid a cycle with the service. */
  private readonly literalNames = new Map<cloudwatch.Alarm, string>();

  constructor(scope: Construct, id: string, props: StandardAlarmsProps) {
    super(scope, id);
    const environment = props.environment;
    assertMatches(this, 'runbookUrl', props.runbookUrl, /^https:\/\/\S+$/, 'Use an https:// URL without spaces.');
    if (props.topic && props.actionStrategy) {
      throw invalidProp(this, 'actionStrategy', 'given together with `topic`',
        'Give `topic` to notify a topic on ALARM and OK, or `actionStrategy` for anything else, not both.');
    }
    if (props.topic) assertTopicInRegion(this, 'topic', props.topic);
    assertMatches(this, 'dashboardName', props.dashboardName, /^[A-Za-z0-9_-]{1,255}$/, 'Dashboard names are 1 to 255 letters, digits, `-` or `_`.');
    const thresholds = props.thresholds ?? {};
    const plan = planAlarms(environment._sources);
    assertEverySignalUsed(this, thresholds, plan);
    const resolved = plan.map((planned) => resolveThreshold(this, `thresholds.${planned.signal}`, planned.defaults, thresholds[planned.signal]));
    const created = plan.filter((planned) => thresholds[planned.signal]?.enabled !== false);
    if (props.serviceUnhealthyAlarm && !created.some((planned) => planned.defaults.availability)) {
      throw invalidProp(this, 'serviceUnhealthyAlarm', 'nothing to combine',
        'Watch a load balancer, target groups, services or a data host with availability alarms enabled, or leave `serviceUnhealthyAlarm` unset.');
    }
    environment._assertNoDashboardYet(this);

    this.links = descriptionLinks(this, props.runbookUrl, props.dashboardName);
    const actionStrategy = props.actionStrategy
      ?? new SnsAlarmActionStrategy({ topic: props.topic ?? importForwarderTopic(this, 'ForwarderTopic') });
    const availability: cloudwatch.Alarm[] = [];
    plan.forEach((planned, i) => {
      if (thresholds[planned.signal]?.enabled === false) return;
      const alarm = this.alarm(environment.namePrefix, planned, resolved[i]);
      actionStrategy.addAlarmActions(alarm);
      if (planned.defaults.availability) availability.push(alarm);
      if (planned.defaults.rollback) {
        this.rollbackAlarms.push(alarm);
        if (planned.source instanceof TargetGroupMetrics) {
          const tg = planned.source.targetGroup;
          this.rollbackByTargetGroup.set(tg, [...this.rollbackByTargetGroup.get(tg) ?? [], alarm]);
        }
      }
    });

    if (props.serviceUnhealthyAlarm) {
      this.serviceUnhealthyAlarm = new cloudwatch.CompositeAlarm(this, 'ServiceUnhealthy', {
        compositeAlarmName: `${environment.namePrefix}-service-unhealthy`,
        alarmDescription: this.describe('Any availability alarm of the service is in ALARM'),
        alarmRule: cloudwatch.AlarmRule.anyOf(...availability.map((a) => cloudwatch.AlarmRule.fromAlarm(a, cloudwatch.AlarmState.ALARM))),
      });
      actionStrategy.addAlarmActions(this.serviceUnhealthyAlarm);
    }
  }

  /**
   * Rolls `service`'s deployments back while its rollback alarms are in
   * ALARM: the given target group's 5xx and p99 alarms (the service's own
   * traffic), else every rollback alarm. Alarm names are literals, so no
   * dependency cycle arises. Takes the `BaseService` class because it
   * changes the service's deployment configuration.
   */
  public enableDeploymentRollback(service: ecs.BaseService, targetGroup?: elbv2.IApplicationTargetGroup): void {
    const alarms = targetGroup ? this.rollbackByTargetGroup.get(targetGroup) : this.rollbackAlarms;
    if (!alarms || alarms.length === 0) {
      throw invalidProp(this, 'targetGroup', 'has no rollback alarms', 'Pass a target group of the environment\'s `targetGroups` (with its 5xx or latency alarm enabled).');
    }
    service.enableDeploymentAlarms(alarms.map((a) => this.literalNames.get(a)!), { behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM });
  }

  /** One standard alarm, its threshold recorded on its metric source for the dashboard's graph of that metric. */
  private alarm(prefix: string, planned: PlannedAlarm, resolved: ResolvedThreshold): cloudwatch.Alarm {
    const { defaults, qualifier, source } = planned;
    const suffix = qualifier ? `${defaults.suffix}-${qualifier}` : defaults.suffix;
    const name = `${prefix}-${source.component}-${suffix}`;
    const alarm = new cloudwatch.Alarm(this, `${source.component}-${suffix}`, {
      alarmName: name,
      alarmDescription: this.describe(`${defaults.what.replace('{t}', String(resolved.threshold))}${qualifier ? ` (${qualifier})` : ''}`),
      metric: planned.metric(resolved.period),
      threshold: resolved.threshold,
      evaluationPeriods: resolved.evaluationPeriods,
      datapointsToAlarm: resolved.datapointsToAlarm,
      comparisonOperator: defaults.comparison,
      treatMissingData: defaults.missing,
    });
    source.recordThreshold(planned.signal, {
      value: resolved.threshold,
      label: `${defaults.suffix} alarm ${COMPARISON_SYMBOL[defaults.comparison] ?? defaults.comparison} ${resolved.threshold}`,
      color: cloudwatch.Color.RED,
    });
    this.alarms.push(alarm);
    this.literalNames.set(alarm, name);
    return alarm;
  }

  private describe(what: string): string {
    return `${what}.${this.links}`;
  }
}

/** Rejects a threshold for a signal the environment does not have: it would silently do nothing. */
function assertEverySignalUsed(scope: Construct, thresholds: StandardAlarmThresholds, plan: PlannedAlarm[]): void {
  for (const signal of Object.keys(thresholds) as SignalKey[]) {
    if (thresholds[signal] === undefined || plan.some((planned) => planned.signal === signal)) continue;
    throw invalidProp(scope, `thresholds.${signal}`, `given, but the environment has nothing it applies to (it needs ${SIGNALS[signal].needs})`,
      `Remove \`thresholds.${signal}\`, or watch what it needs in the MonitoredEnvironment.`);
  }
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
