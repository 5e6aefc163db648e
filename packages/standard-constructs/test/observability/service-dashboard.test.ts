import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Environment, Widget, dashboardWidgets, environment, importedEnvironment, titled } from './fixtures';
import { MonitoredEnvironment, MonitoredEnvironmentProps } from '../../src/monitoring';
import { ServiceDashboard, ServiceDashboardProps } from '../../src/observability';
import { serviceUnderWatch, timescaleDataHost } from '../alarms/fixtures';
import { nagFindings } from '../nag';

/** The dashboard's props and its environment's, in one bag. */
type Props = Partial<Omit<ServiceDashboardProps, 'environment'>> & Partial<MonitoredEnvironmentProps>;

/** A `MonitoredEnvironment` of what `props` watches, and its dashboard. */
function dashboard(stack: Stack, props: Props): ServiceDashboard {
  const { projectName = 'tracker-restapi', environmentName = 'staging', loadBalancer, targetGroups, services, dataHost, dataHostComponent, postgresConnectionsMetric, ...rest } = props;
  const watched = new MonitoredEnvironment(stack, 'Monitored', {
    projectName, environmentName, loadBalancer, targetGroups, services, dataHost, dataHostComponent, postgresConnectionsMetric,
  });
  return new ServiceDashboard(stack, 'Dashboard', { environment: watched, ...rest });
}

function synth(props: (e: Environment, stack: Stack) => Props = () => ({}), instanceType?: string) {
  const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-2' } });
  const e = environment(stack, instanceType);
  dashboard(stack, props(e, stack));
  const template = Template.fromStack(stack);
  return { template, widgets: dashboardWidgets(template) };
}

const everything = (e: Environment, stack: Stack): Props => ({
  loadBalancer: e.loadBalancer,
  targetGroups: [e.targetGroup],
  services: [e.service],
  dataHost: e.host,
  alarms: [cloudwatch.Alarm.fromAlarmName(stack, 'Api5xx', 'tracker-restapi-staging-api-5xx-rate')],
  forwarderFunction: e.forwarder,
  forwarderDeadLetterQueue: e.deadLetterQueue,
  logGroups: e.logGroups,
});

/** `[namespace, metricName, ...]` rows of a graph, without rendering options. */
function metricNames(widget: Widget): string[] {
  return (widget.properties.metrics ?? []).map((row) => {
    const options = row[row.length - 1] as { expression?: string } | string;
    if (typeof options === 'object' && options.expression) return `expr:${options.expression}`;
    return `${row[0]}/${row[1]}`;
  });
}

function only(widgets: Widget[], title: RegExp): Widget {
  const found = titled(widgets, title);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('ServiceDashboard', () => {
  const { template, widgets } = synth(everything);

  test('one dashboard named <project>-<env>, three hours, auto period', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'tracker-restapi-staging' });
    const body = template.findResources('AWS::CloudWatch::Dashboard');
    expect(JSON.stringify(body)).toMatch(/\\"start\\":\\"-PT3H\\",\\"periodOverride\\":\\"auto\\"/);
  });

  test('sections in order, each under a heading', () => {
    const headings = widgets.filter((w) => w.type === 'text').map((w) => w.properties.markdown);
    expect(headings).toEqual([
      '## Alarms', '## Load balancer', '## Target group api-targets', '## Service api',
      '## Data host', '## Alarm forwarder', '## Logs',
    ]);
  });

  test('layout: no widget overlaps another and none is wider than the grid', () => {
    for (const w of widgets) expect(w.x + w.width).toBeLessThanOrEqual(24);
    for (const [i, a] of widgets.entries()) {
      for (const b of widgets.slice(i + 1)) {
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
    }
    expect(only(widgets, /^api: CPU$/)).toMatchObject({ width: 6, height: 6 });
    expect(only(widgets, /^Requests$/)).toMatchObject({ width: 8, height: 6 });
  });

  test('alarm status widget first, full width, with the given alarms', () => {
    const status = widgets.find((w) => w.type === 'alarm')!;
    expect(status).toMatchObject({ x: 0, y: 1, width: 24 });
    expect(status.properties.title).toBe('tracker-restapi-staging alarms');
    expect(status.properties.alarms).toEqual(['arn:${AWS::Partition}:cloudwatch:eu-west-2:111111111111:alarm:tracker-restapi-staging-api-5xx-rate']);
  });

  test('load balancer: requests, 5xx rate by metric math, p50/p90/p99 latency', () => {
    expect(metricNames(only(widgets, /^Requests$/))).toEqual(['AWS/ApplicationELB/RequestCount']);
    const rate = only(widgets, /^5xx rate$/);
    expect(metricNames(rate)).toEqual(expect.arrayContaining([
      'expr:100 * FILL(elb5xx, 0) / requests',
      'expr:100 * FILL(target5xx, 0) / requests',
      'AWS/ApplicationELB/HTTPCode_ELB_5XX_Count',
      'AWS/ApplicationELB/HTTPCode_Target_5XX_Count',
    ]));
    expect(rate.properties.yAxis).toMatchObject({ left: { min: 0, max: 100 } });
    const latency = only(widgets, /^Latency p50/);
    expect(latency.properties.metrics!.map((row) => (row[row.length - 1] as { stat: string }).stat)).toEqual(['p50', 'p90', 'p99']);
  });

  test('target group: requests and 5xx, latency percentiles, healthy and unhealthy targets', () => {
    expect(metricNames(only(widgets, /^api-targets: requests and 5xx$/))).toEqual(['AWS/ApplicationELB/RequestCount', 'AWS/ApplicationELB/HTTPCode_Target_5XX_Count']);
    expect(metricNames(only(widgets, /^api-targets: latency/))).toEqual(Array(3).fill('AWS/ApplicationELB/TargetResponseTime'));
    expect(metricNames(only(widgets, /^api-targets: targets$/))).toEqual(['AWS/ApplicationELB/HealthyHostCount', 'AWS/ApplicationELB/UnHealthyHostCount']);
  });

  test('service: CPU, memory, running vs desired tasks and deployments from Container Insights', () => {
    expect(metricNames(only(widgets, /^api: CPU$/))).toEqual(['AWS/ECS/CPUUtilization', 'AWS/ECS/CPUUtilization']);
    expect(metricNames(only(widgets, /^api: memory$/))).toEqual(['AWS/ECS/MemoryUtilization', 'AWS/ECS/MemoryUtilization']);
    const tasks = only(widgets, /^api: tasks running vs desired$/);
    expect(metricNames(tasks)).toEqual(['ECS/ContainerInsights/RunningTaskCount', 'ECS/ContainerInsights/DesiredTaskCount', 'ECS/ContainerInsights/PendingTaskCount']);
    expect(tasks.properties.metrics![0]).toEqual(expect.arrayContaining(['ClusterName', '${ClusterEB0386A7}', 'ServiceName', '${ServiceD69D759B.Name}']));
    expect(metricNames(only(widgets, /^api: deployments$/))).toEqual(['ECS/ContainerInsights/DeploymentCount']);
  });

  test('data host: CPU and status checks, credits (burstable), memory and disk per path from the agent', () => {
    expect(metricNames(only(widgets, /^Host: CPU and status checks$/))).toEqual([
      'AWS/EC2/CPUUtilization', 'AWS/EC2/CPUUtilization', 'AWS/EC2/StatusCheckFailed_System', 'AWS/EC2/StatusCheckFailed_Instance',
    ]);
    expect(metricNames(only(widgets, /^Host: CPU credits$/))).toEqual(['AWS/EC2/CPUCreditBalance', 'AWS/EC2/CPUCreditUsage', 'AWS/EC2/CPUSurplusCreditBalance']);
    const memory = only(widgets, /^Host: memory used$/);
    expect(memory.properties.metrics).toEqual([['CWAgent', 'mem_used_percent', 'InstanceId', 'i-0123456789abcdef0', expect.objectContaining({ stat: 'Maximum' })]]);
    const disk = only(widgets, /^Host: disk used$/);
    expect(disk.properties.metrics!.map((row) => row.slice(0, 6))).toEqual([
      ['CWAgent', 'disk_used_percent', 'InstanceId', 'i-0123456789abcdef0', 'path', '/'],
      ['CWAgent', 'disk_used_percent', 'InstanceId', 'i-0123456789abcdef0', 'path', '/var/lib/postgresql'],
    ]);
    // 300 s is CloudWatch's default period, so it is not written out; the service graphs' 60 s is.
    expect(disk.properties.metrics![0][6]).not.toHaveProperty('period');
    expect(only(widgets, /^api: CPU$/).properties.metrics![0][6]).toMatchObject({ period: 60 });
  });

  test('no CPU credits graph for a non-burstable host', () => {
    expect(titled(synth(everything, 'm7g.large').widgets, /credits/)).toEqual([]);
  });

  test('PostgreSQL connections graph when a metric is given', () => {
    const { widgets: w } = synth((e, s) => ({
      ...everything(e, s),
      postgresConnectionsMetric: new cloudwatch.Metric({ namespace: 'CWAgent', metricName: 'postgresql_connections', dimensionsMap: { InstanceId: e.host.instanceId } }),
    }));
    expect(metricNames(only(w, /^Host: PostgreSQL connections$/))).toEqual(['CWAgent/postgresql_connections']);
  });

  describe('PostgreSQL connections of a TimescaleDataHost, without passing a metric', () => {
    function withDataHost(props: Props = {}) {
      const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-2' } });
      const watched = serviceUnderWatch(stack);
      const dataHost = timescaleDataHost(stack, watched, { maxConnections: 250 });
      dashboard(stack, { dataHost, ...props });
      return dashboardWidgets(Template.fromStack(stack));
    }

    test('the host\'s postgresql_connections by InstanceId, at the host period, with max_connections as a line', () => {
      const graph = only(withDataHost(), /^Host: PostgreSQL connections$/);
      expect(graph.properties.metrics).toEqual([[
        'CWAgent', 'postgresql_connections', 'InstanceId', expect.stringMatching(/^\$\{DataHostInstance[0-9A-F]{8}\}$/), { stat: 'Maximum' },
      ]]);
      expect(graph.properties.annotations).toEqual({ horizontal: [{ value: 250, label: 'max_connections', yAxis: 'left' }] });
      const oneMinute = only(withDataHost({ hostPeriod: Duration.minutes(1) }), /^Host: PostgreSQL connections$/);
      expect(oneMinute.properties.metrics![0][4]).toEqual({ stat: 'Maximum', period: 60 });
    });

    test('an explicit postgresConnectionsMetric overrides the host\'s', () => {
      const graph = only(withDataHost({ postgresConnectionsMetric: new cloudwatch.Metric({ namespace: 'Custom', metricName: 'pgbouncer_clients' }) }),
        /^Host: PostgreSQL connections$/);
      expect(metricNames(graph)).toEqual(['Custom/pgbouncer_clients']);
    });
  });

  test('forwarder: invocations against errors and throttles, duration, dead-letter queue depth', () => {
    expect(metricNames(only(widgets, /^Forwarder: invocations and errors$/))).toEqual(['AWS/Lambda/Invocations', 'AWS/Lambda/Errors', 'AWS/Lambda/Throttles']);
    expect(metricNames(only(widgets, /^Forwarder: duration$/))).toEqual(['AWS/Lambda/Duration', 'AWS/Lambda/Duration']);
    const dlq = only(widgets, /^Forwarder: dead-letter queue$/);
    expect(dlq.properties.metrics).toEqual([['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', 'teams-alarm-forwarder-dlq', expect.objectContaining({ stat: 'Maximum' })]]);
  });

  test('logs: Logs Insights tables of errors by service and 5xx by path over the given log groups', () => {
    const logWidgets = widgets.filter((w) => w.type === 'log');
    expect(logWidgets.map((w) => w.properties.title)).toEqual(['Errors by service', '5xx by path']);
    expect(logWidgets[0].properties.query).toMatch(/^SOURCE '\/aws\/ecs\/tracker-restapi-staging\/api' \| fields coalesce\(service, @log\) as svc/);
    expect(logWidgets[1].properties.query).toMatch(/filter http_status >= 500/);
  });

  test('only what is given: a services-only dashboard has no alarm, load balancer, host, forwarder or log section', () => {
    const { widgets: w } = synth((e) => ({ services: [e.service] }));
    expect(w.filter((x) => x.type === 'text').map((x) => x.properties.markdown)).toEqual(['## Service api']);
    expect(w.filter((x) => x.type === 'metric')).toHaveLength(4);
  });

  test('a forwarder dead-letter queue alone gets a full-width graph', () => {
    const { widgets: w } = synth((e) => ({ forwarderDeadLetterQueue: e.deadLetterQueue }));
    expect(only(w, /dead-letter/)).toMatchObject({ width: 24 });
  });

  test('period and time range are configurable', () => {
    const { template: t, widgets: w } = synth((e) => ({
      services: [e.service], dataHost: e.host, period: Duration.minutes(10), hostPeriod: Duration.minutes(1), timeRange: Duration.days(1),
    }));
    expect(only(w, /^api: CPU$/).properties.metrics![0][6]).toMatchObject({ period: 600 });
    expect(only(w, /^Host: memory used$/).properties.metrics![0][4]).toMatchObject({ period: 60 });
    expect(JSON.stringify(t.toJSON())).toMatch(/\\"start\\":\\"-P1D\\"/);
  });

  test('imported resources work, e.g. a dashboard in a stack of its own', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-2' } });
    dashboard(stack, everything(importedEnvironment(stack), stack));
    const w = dashboardWidgets(Template.fromStack(stack));
    expect(only(w, /^api: tasks running vs desired$/).properties.metrics![0].slice(0, 6)).toEqual([
      'ECS/ContainerInsights', 'RunningTaskCount', 'ClusterName', 'tracker-restapi-staging', 'ServiceName', 'api',
    ]);
    expect(only(w, /^Requests$/).properties.metrics![0].slice(0, 4)).toEqual(['AWS/ApplicationELB', 'RequestCount', 'LoadBalancer', 'app/tracker/0123456789abcdef']);
  });

  test('cdk-nag: clean (the dashboard over imported resources, so only its own are checked)', () => {
    expect(nagFindings((s) => {
      const e = importedEnvironment(s);
      dashboard(s, everything(e, s));
    })).toEqual([]);
  });

  test('creates the dashboard only', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-2' } });
    dashboard(stack, everything(importedEnvironment(stack), stack));
    expect(Object.values(Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type))
      .toEqual(['AWS::CloudWatch::Dashboard']);
  });

  test('without StandardAlarms, no threshold lines', () => {
    expect(widgets.filter((w) => w.properties.annotations !== undefined)).toEqual([]);
  });
});

describe('ServiceDashboard validation', () => {
  test('more than 100 alarms', () => {
    expect(() => synth((_, s) => ({ alarms: Array.from({ length: 101 }, (_x, i) => cloudwatch.Alarm.fromAlarmName(s, `A${i}`, `a${i}`)) })))
      .toThrow(/S\/Dashboard: invalid `alarms`: 101 alarms\. An alarm status widget shows at most 100/);
  });
  test('postgresConnectionsMetric without a data host', () => {
    expect(() => synth(() => ({ postgresConnectionsMetric: new cloudwatch.Metric({ namespace: 'CWAgent', metricName: 'c' }) })))
      .toThrow(/S\/Monitored: invalid `postgresConnectionsMetric`: given without `dataHost`/);
  });
  test('hostPeriod without a data host', () => {
    expect(() => synth((e) => ({ services: [e.service], hostPeriod: Duration.minutes(1) })))
      .toThrow(/S\/Dashboard: invalid `hostPeriod`: given, but the environment has no `dataHost`\. Remove `hostPeriod`/);
  });
  test('a period CloudWatch cannot graph', () => {
    expect(() => synth(() => ({ period: Duration.seconds(90) }))).toThrow(/invalid `period`: got 90 seconds\. Use 10 s, 30 s or a whole number of minutes/);
    expect(() => synth(() => ({ hostPeriod: Duration.seconds(45) }))).toThrow(/invalid `hostPeriod`: got 45 seconds/);
  });
  test('a time range under a minute or beyond what CloudWatch keeps', () => {
    expect(() => synth(() => ({ timeRange: Duration.seconds(30) }))).toThrow(/S\/Dashboard: invalid `timeRange`: got 30 seconds\. Use from one minute to 455 days/);
    expect(() => synth(() => ({ timeRange: Duration.days(500) }))).toThrow(/invalid `timeRange`: got 43200000 seconds/);
  });
  test('names', () => {
    expect(() => synth(() => ({ environmentName: 'Staging' }))).toThrow(/invalid `environmentName`: got 'Staging'/);
  });
});
