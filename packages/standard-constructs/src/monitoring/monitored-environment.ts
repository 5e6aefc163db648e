import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { HostMetrics } from './host-metrics';
import { LoadBalancerMetrics, TargetGroupMetrics } from './load-balancer-metrics';
import { MonitoredSources } from './monitored-sources';
import { ServiceMetrics } from './service-metrics';
import { IMonitoredHost } from '../alarms/monitored-host';
import { qualifiedName } from '../internal/names';
import { assertMatches, invalidProp } from '../internal/validation';

/** Properties of `MonitoredEnvironment`: everything an environment's alarms and dashboard watch. */
export interface MonitoredEnvironmentProps {
  /** The project, first part of alarm names and of the dashboard name `<project>-<env>`. */
  readonly projectName: string;
  /** The environment, second part of alarm names and of the dashboard name. */
  readonly environmentName: string;
  /**
   * The application load balancer: requests, 5xx rate, rejected connections, latency.
   * @default - no load balancer is watched
   */
  readonly loadBalancer?: elbv2.IApplicationLoadBalancer;
  /**
   * Target groups (attached to a load balancer): requests, target 5xx, latency, healthy and unhealthy targets.
   * @default - none
   */
  readonly targetGroups?: elbv2.IApplicationTargetGroup[];
  /**
   * ECS services, created here or imported: CPU, memory, running against
   * desired tasks (Container Insights on the cluster).
   * @default - none
   */
  readonly services?: ecs.IBaseService[];
  /**
   * An EC2 host running the CloudWatch agent, e.g. a `TimescaleDataHost`:
   * status checks, CPU, CPU credits (burstable types), disk, memory, and
   * what the host publishes (PostgreSQL connections, WAL archive and backup age).
   * @default - no host is watched
   */
  readonly dataHost?: IMonitoredHost;
  /**
   * The `<component>` of the host's alarm names.
   * @default 'data-host'
   */
  readonly dataHostComponent?: string;
  /**
   * PostgreSQL connections on the host, used as given (with its own period)
   * instead of the host's own `postgresConnectionsMetric`.
   * @default - the data host's own `postgresConnectionsMetric` (a `TimescaleDataHost` publishes one); without one, connections are not watched
   */
  readonly postgresConnectionsMetric?: cloudwatch.IMetric;
}

/**
 * The things one environment watches, declared once: `StandardAlarms`
 * alarms on them and `ServiceDashboard` graphs them from the same metrics,
 * with the alarms' thresholds drawn on the graphs. It creates no resources.
 *
 * Create the `StandardAlarms` before the `ServiceDashboard`: the dashboard
 * draws the thresholds of the alarms that exist when it is built.
 */
export class MonitoredEnvironment extends Construct {
  /** `<project>-<env>`: the prefix of every alarm name. */
  public readonly namePrefix: string;
  /** The name `ServiceDashboard` gives the environment's dashboard, `<project>-<env>`, known before the dashboard exists. */
  public readonly dashboardName: string;
  /** The watched load balancer, if any. */
  public readonly loadBalancer?: elbv2.IApplicationLoadBalancer;
  /** The watched target groups. */
  public readonly targetGroups: elbv2.IApplicationTargetGroup[];
  /** The watched ECS services. */
  public readonly services: ecs.IBaseService[];
  /** The watched host, if any. */
  public readonly dataHost?: IMonitoredHost;

  /** @internal One metric source per watched thing, shared by alarms and dashboard. */
  public readonly _sources: MonitoredSources;
  private dashboardBuilt = false;

  constructor(scope: Construct, id: string, props: MonitoredEnvironmentProps) {
    super(scope, id);
    this.namePrefix = qualifiedName(this, props.projectName, props.environmentName);
    this.dashboardName = this.namePrefix;
    const component = props.dataHostComponent ?? 'data-host';
    assertMatches(this, 'dataHostComponent', component, /^[a-z0-9][a-z0-9-]{0,62}$/, 'Use lowercase letters, digits and hyphens.');
    if (!props.dataHost) {
      for (const [prop, given] of [['dataHostComponent', props.dataHostComponent], ['postgresConnectionsMetric', props.postgresConnectionsMetric]] as const) {
        if (given !== undefined) throw invalidProp(this, prop, 'given without `dataHost`', `Give the \`dataHost\` it belongs to, or leave \`${prop}\` out.`);
      }
    }
    this.loadBalancer = props.loadBalancer;
    this.targetGroups = props.targetGroups ?? [];
    this.services = props.services ?? [];
    this.dataHost = props.dataHost;
    this._sources = {
      loadBalancer: props.loadBalancer && new LoadBalancerMetrics(props.loadBalancer),
      targetGroups: this.targetGroups.map((tg) => new TargetGroupMetrics(tg)),
      services: this.services.map((service) => new ServiceMetrics(service)),
      host: props.dataHost && new HostMetrics(props.dataHost, component, props.postgresConnectionsMetric),
    };
  }

  /** @internal Called by `ServiceDashboard`: the thresholds it drew are final. */
  public _markDashboardBuilt(): void {
    this.dashboardBuilt = true;
  }

  /** @internal Called by `StandardAlarms` before it creates alarms whose thresholds a dashboard should draw. */
  public _assertNoDashboardYet(alarms: Construct): void {
    if (this.dashboardBuilt) {
      throw invalidProp(alarms, 'environment', `${this.node.path} already has its dashboard`,
        'Create the StandardAlarms before the ServiceDashboard of the same environment, so that the dashboard draws their thresholds.');
    }
  }
}
