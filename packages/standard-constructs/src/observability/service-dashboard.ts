import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DashboardSection, GRAPH_HEIGHT, addSections, fullWidth, graphs } from './dashboard-layout';
import { forwarderGraphs } from './forwarder-widgets';
import { hostGraphs } from './host-widgets';
import { loadBalancerGraphs, targetGroupGraphs } from './load-balancer-widgets';
import { ERRORS_BY_SERVICE, SERVER_ERRORS_BY_PATH } from './log-queries';
import { serviceGraphs } from './service-widgets';
import { invalidProp } from '../internal/validation';
import { MonitoredEnvironment } from '../monitoring/monitored-environment';

/** Properties of `ServiceDashboard`: the environment it shows, and what to show beside it. */
export interface ServiceDashboardProps {
  /**
   * What the dashboard shows: the environment's load balancer, target
   * groups, services and data host, graphed from the same metrics as its
   * `StandardAlarms`, with their thresholds as lines (create the alarms first).
   * The dashboard is named after it, `<project>-<env>` (its `dashboardName`).
   */
  readonly environment: MonitoredEnvironment;
  /**
   * Alarms for the status grid at the top, e.g. `StandardAlarms.alarms` (at most 100).
   * @default - no alarm status widget
   */
  readonly alarms?: cloudwatch.IAlarm[];
  /**
   * The Teams alarm forwarder function (`TeamsAlarmForwarder.function`).
   * @default - no forwarder graphs
   */
  readonly forwarderFunction?: lambda.IFunction;
  /**
   * The forwarder's dead-letter queue (`TeamsAlarmForwarder.deadLetterQueue`).
   * @default - no dead-letter queue graph
   */
  readonly forwarderDeadLetterQueue?: sqs.IQueue;
  /**
   * Service log groups: adds Logs Insights tables of errors by service and 5xx by path.
   * @default - no log widgets
   */
  readonly logGroups?: logs.ILogGroup[];
  /**
   * Period of the load balancer, service and forwarder graphs.
   * @default Duration.minutes(1)
   */
  readonly period?: Duration;
  /**
   * Period of the host graphs (EC2 basic monitoring publishes every 5 minutes); only with a data host.
   * @default Duration.minutes(5)
   */
  readonly hostPeriod?: Duration;
  /**
   * How far back the dashboard looks when it opens: the last `timeRange` up to now.
   * @default Duration.hours(3)
   */
  readonly timeRange?: Duration;
}

const MAX_ALARMS = 100;
/** CloudWatch keeps metrics for 15 months: a longer range shows nothing more. */
const MAX_TIME_RANGE_DAYS = 455;

/**
 * One CloudWatch dashboard per environment, `<project>-<env>`, graphing the
 * `MonitoredEnvironment` its `StandardAlarms` watch: alarm status first, then the load balancer,
 * each target group, each ECS service, the data host, the alarm forwarder
 * and (with log groups) the top errors from Logs Insights. Sections are laid
 * out by a helper: a heading, then rows of equal-width graphs.
 */
export class ServiceDashboard extends Construct {
  /** The dashboard. */
  public readonly dashboard: cloudwatch.Dashboard;
  /** Its name, the environment's `dashboardName` (`<project>-<env>`). */
  public readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const sources = props.environment._sources;
    this.dashboardName = props.environment.dashboardName;
    this.validate(props);
    const period = props.period ?? Duration.minutes(1);
    const hostPeriod = props.hostPeriod ?? Duration.minutes(5);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: this.dashboardName,
      start: `-${(props.timeRange ?? Duration.hours(3)).toIsoString()}`,
      periodOverride: cloudwatch.PeriodOverride.AUTO,
    });

    const alarms = props.alarms ?? [];
    const sections: DashboardSection[] = [];
    if (alarms.length > 0) {
      sections.push({
        title: 'Alarms',
        widgets: [new cloudwatch.AlarmStatusWidget({
          title: `${this.dashboardName} alarms`,
          alarms,
          width: fullWidth(),
          // The grid shows four alarms a row.
          height: Math.min(12, 1 + Math.ceil(alarms.length / 4) * 2),
          sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
        })],
      });
    }
    if (sources.loadBalancer) {
      sections.push({ title: 'Load balancer', widgets: graphs(3, loadBalancerGraphs(sources.loadBalancer, period)) });
    }
    for (const tg of sources.targetGroups) {
      sections.push({ title: `Target group ${tg.component}`, widgets: graphs(3, targetGroupGraphs(tg, period)) });
    }
    for (const service of sources.services) {
      sections.push({ title: `Service ${service.component}`, widgets: graphs(4, serviceGraphs(service, period)) });
    }
    if (sources.host) {
      sections.push({ title: 'Data host', widgets: graphs(4, hostGraphs(sources.host, hostPeriod)) });
    }
    sections.push({ title: 'Alarm forwarder', widgets: graphs(3, forwarderGraphs(props.forwarderFunction, props.forwarderDeadLetterQueue, period)) });
    if (props.logGroups && props.logGroups.length > 0) {
      sections.push({ title: 'Logs', widgets: this.logWidgets(props.logGroups) });
    }
    addSections(this.dashboard, sections);
    props.environment._markDashboardBuilt();
  }

  private logWidgets(logGroups: logs.ILogGroup[]): cloudwatch.IWidget[] {
    const logGroupNames = logGroups.map((g) => g.logGroupName);
    return [
      { title: 'Errors by service', query: ERRORS_BY_SERVICE },
      { title: '5xx by path', query: SERVER_ERRORS_BY_PATH },
    ].map(({ title, query }) => new cloudwatch.LogQueryWidget({
      title,
      logGroupNames,
      queryString: query.queryString.toString(),
      view: cloudwatch.LogQueryVisualizationType.TABLE,
      width: fullWidth() / 2,
      height: GRAPH_HEIGHT,
    }));
  }

  private validate(props: ServiceDashboardProps): void {
    const alarms = props.alarms ?? [];
    if (alarms.length > MAX_ALARMS) {
      throw invalidProp(this, 'alarms', `${alarms.length} alarms`,
        `An alarm status widget shows at most ${MAX_ALARMS}: pass the ones on-call acts on, e.g. a composite alarm instead of its parts.`);
    }
    for (const [prop, value] of [['period', props.period], ['hostPeriod', props.hostPeriod]] as const) {
      const seconds = value?.toSeconds();
      if (seconds !== undefined && !(seconds === 10 || seconds === 30 || (seconds >= 60 && seconds % 60 === 0))) {
        throw invalidProp(this, prop, `got ${seconds} seconds`, 'Use 10 s, 30 s or a whole number of minutes.');
      }
    }
    if (props.hostPeriod && !props.environment.dataHost) {
      throw invalidProp(this, 'hostPeriod', 'given, but the environment has no `dataHost`', 'Remove `hostPeriod`, or watch a `dataHost` in the MonitoredEnvironment.');
    }
    const range = props.timeRange?.toSeconds();
    if (range !== undefined && !(range >= 60 && range <= MAX_TIME_RANGE_DAYS * 86_400)) {
      throw invalidProp(this, 'timeRange', `got ${range} seconds`, `Use from one minute to ${MAX_TIME_RANGE_DAYS} days (CloudWatch keeps metrics 15 months).`);
    }
  }
}
