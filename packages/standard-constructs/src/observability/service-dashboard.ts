import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
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
import { componentName } from '../alarms/component-name';
import { IMonitoredHost } from '../alarms/monitored-host';
import { qualifiedName } from '../internal/names';
import { invalidProp } from '../internal/validation';

/** Properties of `ServiceDashboard`: the inputs of `StandardAlarms`, plus what to show beside them. */
export interface ServiceDashboardProps {
  /** The project, first part of the dashboard name `<project>-<env>`. */
  readonly projectName: string;
  /** The environment, second part of the dashboard name. */
  readonly environmentName: string;
  /**
   * The load balancer: requests, 5xx rate, p50/p90/p99 latency.
   * @default - no load balancer section
   */
  readonly loadBalancer?: elbv2.IApplicationLoadBalancer;
  /**
   * Target groups (attached to a load balancer): per target group requests and 5xx, latency, healthy targets.
   * @default - none
   */
  readonly targetGroups?: elbv2.IApplicationTargetGroup[];
  /**
   * ECS services, created here or imported: CPU, memory, running vs desired tasks, deployments (Container Insights).
   * @default - none
   */
  readonly services?: ecs.IBaseService[];
  /**
   * An EC2 host running the CloudWatch agent, e.g. a `TimescaleDataHost`;
   * its PostgreSQL connections are graphed when it publishes them (`postgresConnectionsMetric`).
   * @default - no host section
   */
  readonly dataHost?: IMonitoredHost;
  /**
   * PostgreSQL connections on the host, graphed as given, instead of the host's own `postgresConnectionsMetric`.
   * @default - the data host's own `postgresConnectionsMetric` at `hostPeriod` (a `TimescaleDataHost` publishes one); without one, no connections graph
   */
  readonly postgresConnectionsMetric?: cloudwatch.IMetric;
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
   * Period of the host graphs (EC2 basic monitoring publishes every 5 minutes).
   * @default Duration.minutes(5)
   */
  readonly hostPeriod?: Duration;
  /**
   * Time range shown when the dashboard opens, as a relative ISO 8601 duration.
   * @default '-PT3H'
   */
  readonly start?: string;
}

const MAX_ALARMS = 100;
/** A negative ISO 8601 duration such as -PT3H, -P7D or -P1DT12H. */
const RELATIVE_DURATION = /^-P(?=\d|T\d)(\d+[YMWD])*(T(\d+[HMS])+)?$/;

/**
 * One CloudWatch dashboard per environment, `<project>-<env>`, built from the
 * inputs of `StandardAlarms`: alarm status first, then the load balancer,
 * each target group, each ECS service, the data host, the alarm forwarder
 * and (with log groups) the top errors from Logs Insights. Sections are laid
 * out by a helper: a heading, then rows of equal-width graphs.
 */
export class ServiceDashboard extends Construct {
  /** The dashboard. */
  public readonly dashboard: cloudwatch.Dashboard;
  /** Its name, `<project>-<env>`. */
  public readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    this.dashboardName = qualifiedName(this, props.projectName, props.environmentName);
    this.validate(props);
    const period = props.period ?? Duration.minutes(1);
    const hostPeriod = props.hostPeriod ?? Duration.minutes(5);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: this.dashboardName,
      start: props.start ?? '-PT3H',
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
    if (props.loadBalancer) {
      sections.push({ title: 'Load balancer', widgets: graphs(3, loadBalancerGraphs(props.loadBalancer, period)) });
    }
    for (const tg of props.targetGroups ?? []) {
      const name = componentName(tg, undefined);
      sections.push({ title: `Target group ${name}`, widgets: graphs(3, targetGroupGraphs(tg, name, period)) });
    }
    for (const service of props.services ?? []) {
      // A created service's `serviceName` is a token: its literal is on the L1. An imported one's is the literal.
      const name = componentName(service, (service.node.defaultChild as ecs.CfnService | undefined)?.serviceName ?? service.serviceName);
      sections.push({ title: `Service ${name}`, widgets: graphs(4, serviceGraphs(service, name, period)) });
    }
    if (props.dataHost) {
      sections.push({ title: 'Data host', widgets: graphs(4, hostGraphs(props.dataHost, hostPeriod, props.postgresConnectionsMetric)) });
    }
    sections.push({ title: 'Alarm forwarder', widgets: graphs(3, forwarderGraphs(props.forwarderFunction, props.forwarderDeadLetterQueue, period)) });
    if (props.logGroups && props.logGroups.length > 0) {
      sections.push({ title: 'Logs', widgets: this.logWidgets(props.logGroups) });
    }
    addSections(this.dashboard, sections);
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
    if (props.postgresConnectionsMetric && !props.dataHost) {
      throw invalidProp(this, 'postgresConnectionsMetric', 'given without `dataHost`', 'Give the `dataHost` the connections are counted on.');
    }
    for (const [prop, value] of [['period', props.period], ['hostPeriod', props.hostPeriod]] as const) {
      const seconds = value?.toSeconds();
      if (seconds !== undefined && !(seconds === 10 || seconds === 30 || (seconds >= 60 && seconds % 60 === 0))) {
        throw invalidProp(this, prop, `got ${seconds} seconds`, 'Use 10 s, 30 s or a whole number of minutes.');
      }
    }
    if (props.start !== undefined && !RELATIVE_DURATION.test(props.start)) {
      throw invalidProp(this, 'start', `got '${props.start}'`, "Use a relative ISO 8601 duration such as '-PT3H' or '-P1D'.");
    }
  }
}
