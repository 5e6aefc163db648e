import { HostMetrics } from './host-metrics';
import { LoadBalancerMetrics, TargetGroupMetrics } from './load-balancer-metrics';
import { ServiceMetrics } from './service-metrics';

/** The metric sources of a `MonitoredEnvironment`: one per watched thing. */
export interface MonitoredSources {
  readonly loadBalancer?: LoadBalancerMetrics;
  readonly targetGroups: TargetGroupMetrics[];
  readonly services: ServiceMetrics[];
  readonly host?: HostMetrics;
}
