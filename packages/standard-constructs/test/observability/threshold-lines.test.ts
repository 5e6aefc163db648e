import { Template } from 'aws-cdk-lib/assertions';
import { dashboardWidgets, titled, Widget } from './fixtures';
import { StandardAlarms, StandardAlarmThresholds } from '../../src/alarms';
import { MonitoredEnvironment } from '../../src/monitoring';
import { ServiceDashboard } from '../../src/observability';
import { newStack, serviceUnderWatch, timescaleDataHost } from '../alarms/fixtures';

const RED = '#d62728';

/** Alarms then dashboard on one environment (ALB, target group, service, a real TimescaleDataHost), as an app builds them. */
function widgets(thresholds?: StandardAlarmThresholds): Widget[] {
  const stack = newStack();
  const watched = serviceUnderWatch(stack);
  const environment = new MonitoredEnvironment(stack, 'Monitored', {
    projectName: 'tracker',
    environmentName: 'staging',
    loadBalancer: watched.loadBalancer,
    targetGroups: [watched.targetGroup],
    services: [watched.service],
    dataHost: timescaleDataHost(stack, watched, { maxConnections: 200 }),
  });
  const alarms = new StandardAlarms(stack, 'Alarms', { environment, thresholds });
  new ServiceDashboard(stack, 'Dashboard', { environment, alarms: alarms.alarms });
  return dashboardWidgets(Template.fromStack(stack));
}

function lines(all: Widget[], title: RegExp): unknown {
  const found = titled(all, title);
  expect(found).toHaveLength(1);
  return (found[0].properties.annotations as { horizontal: unknown[] } | undefined)?.horizontal;
}

describe('the dashboard draws each alarm\'s threshold on the graph of its metric', () => {
  const all = widgets();

  test.each<[RegExp, unknown[]]>([
    [/^5xx rate$/, [{ value: 5, label: '5xx-rate alarm > 5', color: RED, yAxis: 'left' }]],
    [/^api-targets: requests and 5xx$/, [{ value: 5, label: 'target-5xx alarm > 5', color: RED, yAxis: 'right' }]],
    [/^api-targets: latency/, [{ value: 2, label: 'p99-latency alarm > 2', color: RED, yAxis: 'left' }]],
    [/^api-targets: targets$/, [{ value: 1, label: 'unhealthy-hosts alarm >= 1', color: RED, yAxis: 'left' }]],
    [/^tracker-api: CPU$/, [{ value: 80, label: 'cpu alarm > 80', color: RED, yAxis: 'left' }]],
    [/^tracker-api: memory$/, [{ value: 80, label: 'memory alarm > 80', color: RED, yAxis: 'left' }]],
    [/^Host: CPU and status checks$/, [
      { value: 80, label: 'cpu alarm > 80', color: RED, yAxis: 'left' },
      { value: 1, label: 'status-check alarm >= 1', color: RED, yAxis: 'right' },
    ]],
    [/^Host: CPU credits$/, [{ value: 20, label: 'cpu-credits alarm < 20', color: RED, yAxis: 'left' }]],
    [/^Host: memory used$/, [{ value: 90, label: 'memory alarm > 90', color: RED, yAxis: 'left' }]],
    // One line for the disk alarms of every mount path: they share the threshold.
    [/^Host: disk used$/, [{ value: 80, label: 'disk alarm > 80', color: RED, yAxis: 'left' }]],
    [/^Host: PostgreSQL connections$/, [
      { value: 200, label: 'max_connections', yAxis: 'left' },
      { value: 160, label: 'postgres-connections alarm > 160', color: RED, yAxis: 'left' },
    ]],
  ])('%s', (title, expected) => {
    expect(lines(all, title)).toEqual(expected);
  });

  test('graphs without an alarm get no line', () => {
    for (const title of [/^Requests$/, /^Latency p50/, /^tracker-api: tasks running vs desired$/, /^tracker-api: deployments$/]) {
      expect(lines(all, title)).toBeUndefined();
    }
  });

  test('an overridden threshold moves its line; a disabled alarm has none', () => {
    const changed = widgets({ serviceCpu: { threshold: 95 }, target5xxCount: { enabled: false } });
    expect(lines(changed, /^tracker-api: CPU$/)).toEqual([{ value: 95, label: 'cpu alarm > 95', color: RED, yAxis: 'left' }]);
    expect(lines(changed, /^api-targets: requests and 5xx$/)).toBeUndefined();
  });
});
