/**
 * The environment's alarms, all to the organisation's Teams topic. Each
 * description is the Teams card's text: what is wrong, the runbook, the
 * dashboard. Production also pages once through a composite alarm.
 */
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { RUNBOOK_URL } from './config';
import { AppService } from './service';

const GT = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
const GTE = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
const LT = cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD;
const MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);

export interface AlarmsProps {
  readonly prefix: string;
  readonly dashboardName: string;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** By service name. */
  readonly targetGroups: Record<string, elbv2.ApplicationTargetGroup>;
  readonly services: AppService[];
  readonly dataHost?: ec2.Instance;
  readonly compositeAlarm: boolean;
}

interface AlarmOptions {
  readonly threshold: number;
  readonly operator: cloudwatch.ComparisonOperator;
  /** Evaluation periods, all of which must breach. */
  readonly periods: number;
  /** Missing data breaches where silence means something is down. @default false */
  readonly breaching?: boolean;
}

export class Alarms extends Construct {
  /** Every alarm, in the order of the dashboard's alarm widget. */
  public readonly all: cloudwatch.Alarm[] = [];
  private readonly action: cw_actions.SnsAction;
  private readonly card: string;

  constructor(scope: Construct, id: string, private readonly props: AlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const topicArn = stack.formatArn({ service: 'sns', resource: 'glimpse-alarms-teams', arnFormat: ArnFormat.NO_RESOURCE_NAME });
    this.action = new cw_actions.SnsAction(sns.Topic.fromTopicArn(this, 'Topic', topicArn));
    const region = stack.region;
    const dashboardUrl = `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${props.dashboardName}`;
    this.card = ` Runbook: ${RUNBOOK_URL} Dashboard: ${dashboardUrl}`;

    const alb = props.loadBalancer.metrics;
    const availability: cloudwatch.Alarm[] = [];
    const elb5xxRate = new cloudwatch.MathExpression({
      expression: 'IF(requests >= 10, 100 * FILL(errors, 0) / requests, 0)',
      usingMetrics: { errors: alb.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period: MINUTE }), requests: alb.requestCount({ period: MINUTE }) },
      label: 'ELB 5xx % of requests',
      period: MINUTE,
    });
    availability.push(this.alarm('edge-load-balancer-5xx-rate', 'The load balancer answers more than 5 % of requests with its own 5xx.',
      elb5xxRate, { threshold: 5, operator: GT, periods: 3 }));
    this.alarm('edge-load-balancer-rejected-connections', 'The load balancer rejected connections at its connection limit.',
      alb.rejectedConnectionCount({ period: MINUTE }), { threshold: 0, operator: GT, periods: 1 });

    for (const name of ['api', 'frontend', 'admin']) {
      const tg = props.targetGroups[name].metrics;
      availability.push(this.alarm(`${name}-target-group-target-5xx`, 'Targets answered more than 5 5xx a period.',
        tg.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: MINUTE }), { threshold: 5, operator: GT, periods: 3 }));
      this.alarm(`${name}-target-group-p99-latency`, 'p99 target response time is above 2 s.',
        tg.targetResponseTime({ statistic: 'p99', period: MINUTE }), { threshold: 2, operator: GT, periods: 5 });
      availability.push(this.alarm(`${name}-target-group-unhealthy-hosts`, 'At least 1 target fails its health check.',
        tg.unhealthyHostCount({ statistic: 'Maximum', period: MINUTE }), { threshold: 1, operator: GTE, periods: 3 }));
    }

    const runningTasks: cloudwatch.Alarm[] = [];
    for (const { name, service } of props.services) {
      this.alarm(`${name}-cpu`, 'Service CPU is above 80 %.',
        service.metricCpuUtilization({ period: MINUTE }), { threshold: 80, operator: GT, periods: 5 });
      this.alarm(`${name}-memory`, 'Service memory is above 80 %.',
        service.metricMemoryUtilization({ period: MINUTE }), { threshold: 80, operator: GT, periods: 5 });
      const tasks = (metricName: string) => new cloudwatch.Metric({
        namespace: 'ECS/ContainerInsights', metricName, period: MINUTE,
        dimensionsMap: { ClusterName: service.cluster.clusterName, ServiceName: service.serviceName },
      });
      const belowDesired = new cloudwatch.MathExpression({
        expression: 'desired - running',
        usingMetrics: { desired: tasks('DesiredTaskCount'), running: tasks('RunningTaskCount') },
        label: 'Tasks below desired',
        period: MINUTE,
      });
      // No data means no task reports: breaching.
      runningTasks.push(this.alarm(`${name}-running-tasks`, 'More than 0 tasks below the desired count.',
        belowDesired, { threshold: 0, operator: GT, periods: 5, breaching: true }));
    }
    if (props.dataHost) this.dataHostAlarms(props.dataHost);

    if (props.compositeAlarm) {
      // One page for "the service is down", whichever part shows it first.
      const unhealthy = new cloudwatch.CompositeAlarm(this, 'ServiceUnhealthy', {
        compositeAlarmName: `${props.prefix}-service-unhealthy`,
        alarmDescription: `Any availability alarm of the service is in ALARM.${this.card}`,
        alarmRule: cloudwatch.AlarmRule.anyOf(...availability, ...runningTasks),
      });
      unhealthy.addAlarmAction(this.action);
      unhealthy.addOkAction(this.action);
    }
  }

  /** The data host's health, disks, PostgreSQL and its backups (the CloudWatch agent's metrics are in CWAgent). */
  private dataHostAlarms(instance: ec2.Instance): void {
    const metric = (namespace: string, metricName: string, statistic: string, period: Duration, dimensions: Record<string, string> = {}) =>
      new cloudwatch.Metric({ namespace, metricName, statistic, period, dimensionsMap: { InstanceId: instance.instanceId, ...dimensions } });
    const ec2Metric = (metricName: string, statistic: string, period: Duration) => metric('AWS/EC2', metricName, statistic, period);
    const agent = (metricName: string, period: Duration, dimensions?: Record<string, string>) =>
      metric('CWAgent', metricName, 'Maximum', period, dimensions);
    const alarm = (what: string, summary: string, m: cloudwatch.IMetric, options: AlarmOptions) =>
      this.alarm(`data-host-${what}`, summary, m, options);

    alarm('status-check-system', 'The host fails its status check (system).',
      ec2Metric('StatusCheckFailed_System', 'Maximum', MINUTE), { threshold: 1, operator: GTE, periods: 2, breaching: true });
    alarm('status-check-instance', 'The host fails its status check (instance).',
      ec2Metric('StatusCheckFailed_Instance', 'Maximum', MINUTE), { threshold: 1, operator: GTE, periods: 2, breaching: true });
    alarm('cpu', 'Host CPU is above 80 %.', ec2Metric('CPUUtilization', 'Average', FIVE_MINUTES), { threshold: 80, operator: GT, periods: 3 });
    alarm('cpu-credits', 'The burstable host has fewer than 20 CPU credits left.',
      ec2Metric('CPUCreditBalance', 'Minimum', FIVE_MINUTES), { threshold: 20, operator: LT, periods: 3 });
    for (const [label, path] of [['root', '/'], ['var-lib-postgresql', '/var/lib/postgresql']]) {
      alarm(`disk-${label}`, `Disk used is above 80 % (${label}).`,
        agent('disk_used_percent', FIVE_MINUTES, { path }), { threshold: 80, operator: GT, periods: 2, breaching: true });
    }
    alarm('memory', 'Host memory used is above 90 %.',
      agent('mem_used_percent', FIVE_MINUTES), { threshold: 90, operator: GT, periods: 3, breaching: true });
    alarm('postgres-connections', 'PostgreSQL has more than 80 connections (max_connections 100).',
      agent('postgresql_connections', FIVE_MINUTES), { threshold: 80, operator: GT, periods: 3, breaching: true });
    // Seconds since the last archived WAL segment and the last successful backup, from the host's own checks.
    const seconds = { unit: cloudwatch.Unit.SECONDS };
    alarm('wal-archive-age', 'The last WAL segment was archived more than 180 s ago.',
      agent('postgresql_wal_archive_age', MINUTE).with(seconds), { threshold: 180, operator: GT, periods: 2, breaching: true });
    alarm('backup-age', 'The last successful backup finished more than 93600 s ago.',
      agent('pgbackrest_last_backup_age', FIVE_MINUTES).with(seconds), { threshold: 93600, operator: GT, periods: 3, breaching: true });
  }

  private alarm(id: string, summary: string, metric: cloudwatch.IMetric, options: AlarmOptions): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmName: `${this.props.prefix}-${id}`,
      alarmDescription: `${summary}${this.card}`,
      metric,
      threshold: options.threshold,
      comparisonOperator: options.operator,
      evaluationPeriods: options.periods,
      datapointsToAlarm: options.periods,
      treatMissingData: options.breaching ? cloudwatch.TreatMissingData.BREACHING : cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.all.push(alarm);
    return alarm;
  }
}
