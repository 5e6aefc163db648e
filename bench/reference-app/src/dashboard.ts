/**
 * The environment's dashboard (the alarms' cards link it) and the saved Logs
 * Insights queries: one section per load balancer, target group, service and
 * the data host, each graph marked with its alarm's threshold.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AppService } from './service';

export interface DashboardProps {
  readonly prefix: string;
  readonly dashboardName: string;
  readonly alarms: cloudwatch.IAlarm[];
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroups: Record<string, elbv2.ApplicationTargetGroup>;
  readonly services: AppService[];
  readonly dataHost?: ec2.Instance;
}

const MINUTE = Duration.minutes(1);
const RED = '#d62728';
const threshold = (value: number, label: string): cloudwatch.HorizontalAnnotation => ({ value, label, color: RED });
const axis = (extra: cloudwatch.YAxisProps = {}): cloudwatch.YAxisProps => ({ min: 0, showUnits: false, ...extra });
const PERCENT = axis({ max: 100, label: '%' });
const SECONDS = axis({ label: 'seconds' });

const header = (text: string) =>
  new cloudwatch.TextWidget({ markdown: `## ${text}`, width: 24, height: 1, background: cloudwatch.TextWidgetBackground.TRANSPARENT });

function graph(title: string, width: number, left: cloudwatch.IMetric[], more: Partial<cloudwatch.GraphWidgetProps> = {}): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, width, height: 6, left, leftYAxis: axis(), legendPosition: cloudwatch.LegendPosition.BOTTOM, ...more });
}

/** Errors and slow requests across the services' logs (JSON lines; plain text falls back to a pattern). */
const QUERIES = {
  ErrorsByService: { name: 'errors-by-service', query: new logs.QueryString({
    fields: ['coalesce(service, @log) as svc'],
    filterStatements: ['level in ["ERROR", "CRITICAL", "FATAL"] or http_status >= 500 or (not ispresent(level) and @message like /(?i)\\b(error|exception|traceback)\\b/)'],
    statsStatements: ['count(*) as errors by svc'],
    sort: 'errors desc',
  }) },
  SlowestRequests: { name: 'slowest-requests', query: new logs.QueryString({
    fields: ['@timestamp', 'coalesce(service, @log) as svc', 'http_method', 'coalesce(http_route, http_path) as route', 'http_status', 'duration_ms', 'trace_id'],
    filterStatements: ['ispresent(duration_ms)'],
    sort: 'duration_ms desc',
    limit: 50,
  }) },
  ServerErrorsByPath: { name: '5xx-by-path', query: new logs.QueryString({
    fields: ['coalesce(service, @log) as svc', 'coalesce(http_route, http_path) as route'],
    filterStatements: ['http_status >= 500'],
    statsStatements: ['count(*) as errors by svc, http_method, route'],
    sort: 'errors desc',
    limit: 50,
  }) },
};

export function buildDashboard(scope: Construct, props: DashboardProps): void {
  const dashboard = new cloudwatch.Dashboard(scope, 'Dashboard', {
    dashboardName: props.dashboardName,
    start: '-PT3H',
    periodOverride: cloudwatch.PeriodOverride.AUTO,
  });
  dashboard.addWidgets(header('Alarms'));
  dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({
    title: `${props.prefix} alarms`, alarms: props.alarms, width: 24, height: 12, sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
  }));

  const alb = props.loadBalancer.metrics;
  const requests = alb.requestCount({ period: MINUTE });
  const latency = (metric: (stat: string) => cloudwatch.IMetric) => ['p50', 'p90', 'p99'].map(metric);
  dashboard.addWidgets(header('Load balancer'));
  dashboard.addWidgets(
    graph('Requests', 8, [requests.with({ label: 'Requests' })]),
    graph('5xx rate', 8, [
      new cloudwatch.MathExpression({ label: 'Load balancer 5xx %', expression: '100 * FILL(elb5xx, 0) / requests', period: MINUTE,
        usingMetrics: { elb5xx: alb.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period: MINUTE }), requests } }),
      new cloudwatch.MathExpression({ label: 'Target 5xx %', expression: '100 * FILL(target5xx, 0) / requests', period: MINUTE,
        usingMetrics: { target5xx: alb.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: MINUTE }), requests } }),
    ], { leftAnnotations: [threshold(5, '5xx-rate alarm > 5')], leftYAxis: PERCENT }),
    graph('Latency p50 / p90 / p99', 8, latency((stat) => alb.targetResponseTime({ statistic: stat, label: stat, period: MINUTE })), {
      leftYAxis: SECONDS,
    }),
  );

  for (const name of ['api', 'frontend', 'admin']) {
    const tg = props.targetGroups[name].metrics;
    const title = `${name}-target-group`;
    dashboard.addWidgets(header(`Target group ${title}`));
    dashboard.addWidgets(
      graph(`${title}: requests and 5xx`, 8, [tg.requestCount({ label: 'Requests', period: MINUTE })], {
        right: [tg.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { label: 'Target 5xx', period: MINUTE })],
        rightAnnotations: [threshold(5, 'target-5xx alarm > 5')],
        rightYAxis: axis(),
      }),
      graph(`${title}: latency p50 / p90 / p99`, 8, latency((stat) => tg.targetResponseTime({ statistic: stat, label: stat, period: MINUTE })), {
        leftAnnotations: [threshold(2, 'p99-latency alarm > 2')], leftYAxis: SECONDS,
      }),
      graph(`${title}: targets`, 8, [
        tg.healthyHostCount({ label: 'Healthy', statistic: 'Minimum', period: MINUTE }),
        tg.unhealthyHostCount({ label: 'Unhealthy', statistic: 'Maximum', period: MINUTE }),
      ], { leftAnnotations: [threshold(1, 'unhealthy-hosts alarm >= 1')] }),
    );
  }

  for (const { name, service } of props.services) {
    const insights = (metricName: string, label: string, statistic = 'Average') => new cloudwatch.Metric({
      namespace: 'ECS/ContainerInsights', metricName, label, statistic, period: MINUTE,
      dimensionsMap: { ClusterName: service.cluster.clusterName, ServiceName: service.serviceName },
    });
    const averageAndMaximum = (metric: cloudwatch.Metric) => [
      metric.with({ label: 'Average' }),
      metric.with({ label: 'Maximum', statistic: 'Maximum' }),
    ];
    dashboard.addWidgets(header(`Service ${name}`));
    dashboard.addWidgets(
      graph(`${name}: CPU`, 6, averageAndMaximum(service.metricCpuUtilization({ period: MINUTE })), {
        leftAnnotations: [threshold(80, 'cpu alarm > 80')], leftYAxis: PERCENT,
      }),
      graph(`${name}: memory`, 6, averageAndMaximum(service.metricMemoryUtilization({ period: MINUTE })), {
        leftAnnotations: [threshold(80, 'memory alarm > 80')], leftYAxis: PERCENT,
      }),
      graph(`${name}: tasks running vs desired`, 6, [
        insights('RunningTaskCount', 'Running'), insights('DesiredTaskCount', 'Desired'), insights('PendingTaskCount', 'Pending'),
      ]),
      graph(`${name}: deployments`, 6, [insights('DeploymentCount', 'Deployments', 'Maximum')], { leftYAxis: axis({ label: 'in progress' }) }),
    );
  }

  if (props.dataHost) {
    dashboard.addWidgets(header('Data host'));
    dashboard.addWidgets(...dataHostWidgets(props.dataHost));
  }

  const logGroupNames = props.services.map((s) => s.logGroup.logGroupName);
  const logWidget = (title: string, query: logs.QueryString) => new cloudwatch.LogQueryWidget({
    title, logGroupNames, queryString: query.toString(), view: cloudwatch.LogQueryVisualizationType.TABLE, width: 12, height: 6,
  });
  dashboard.addWidgets(header('Logs'));
  dashboard.addWidgets(logWidget('Errors by service', QUERIES.ErrorsByService.query), logWidget('5xx by path', QUERIES.ServerErrorsByPath.query));

  const queries = new Construct(scope, 'LogQueries');
  for (const [id, { name, query }] of Object.entries(QUERIES)) {
    new logs.QueryDefinition(queries, id, {
      queryDefinitionName: `${props.prefix}/${name}`,
      queryString: query,
      logGroups: props.services.map((s) => s.logGroup),
    });
  }
}

/** The host's CPU, credits, memory, disks, PostgreSQL connections, WAL archiving and backups. */
function dataHostWidgets(instance: ec2.Instance): cloudwatch.GraphWidget[] {
  const metric = (namespace: string, metricName: string, label: string | undefined, statistic: string, dimensions: Record<string, string> = {}) =>
    new cloudwatch.Metric({ namespace, metricName, label, statistic, dimensionsMap: { InstanceId: instance.instanceId, ...dimensions } });
  const ec2Metric = (metricName: string, label: string, statistic = 'Average') => metric('AWS/EC2', metricName, label, statistic);
  const agent = (metricName: string, label?: string, dimensions?: Record<string, string>) =>
    metric('CWAgent', metricName, label, 'Maximum', dimensions);
  return [
    graph('Host: CPU and status checks', 6, [ec2Metric('CPUUtilization', 'CPU average'), ec2Metric('CPUUtilization', 'CPU maximum', 'Maximum')], {
      right: [
        ec2Metric('StatusCheckFailed_System', 'System check failed', 'Maximum'),
        ec2Metric('StatusCheckFailed_Instance', 'Instance check failed', 'Maximum'),
      ],
      leftAnnotations: [threshold(80, 'cpu alarm > 80')],
      rightAnnotations: [threshold(1, 'status-check alarm >= 1')],
      leftYAxis: PERCENT,
      rightYAxis: axis({ max: 1, label: 'failed' }),
    }),
    graph('Host: CPU credits', 6, [ec2Metric('CPUCreditBalance', 'Balance', 'Minimum')], {
      right: [ec2Metric('CPUCreditUsage', 'Used', 'Sum'), ec2Metric('CPUSurplusCreditBalance', 'Surplus (billed on unlimited)', 'Maximum')],
      leftAnnotations: [threshold(20, 'cpu-credits alarm < 20')],
      rightYAxis: axis(),
    }),
    graph('Host: memory used', 6, [agent('mem_used_percent', 'Memory used')], {
      leftAnnotations: [threshold(90, 'memory alarm > 90')], leftYAxis: PERCENT,
    }),
    graph('Host: disk used', 6, ['/', '/var/lib/postgresql'].map((path) => agent('disk_used_percent', path, { path })), {
      leftAnnotations: [threshold(80, 'disk alarm > 80')], leftYAxis: PERCENT,
    }),
    graph('Host: PostgreSQL connections', 6, [agent('postgresql_connections')], {
      leftAnnotations: [{ value: 100, label: 'max_connections' }, threshold(80, 'postgres-connections alarm > 80')],
    }),
    graph('Host: WAL archive age', 6, [agent('postgresql_wal_archive_age')], {
      leftAnnotations: [threshold(180, 'wal-archive-age alarm > 180')], leftYAxis: SECONDS,
    }),
    graph('Host: last backup age', 6, [agent('pgbackrest_last_backup_age')], {
      leftAnnotations: [threshold(93600, 'backup-age alarm > 93600')], leftYAxis: SECONDS,
    }),
  ];
}
