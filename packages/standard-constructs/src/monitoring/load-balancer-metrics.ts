import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { componentName } from './component-name';
import { MetricSource } from './metric-source';

/** What a load balancer's and a target group's `metrics` have in common: the traffic its targets answer. */
interface TargetTraffic {
  requestCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  httpCodeTarget(code: elbv2.HttpCodeTarget, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  targetResponseTime(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** Requests, target 5xx and response time, the same metrics for a load balancer and for one of its target groups. */
abstract class TrafficMetrics extends MetricSource {
  protected constructor(component: string, private readonly traffic: TargetTraffic) {
    super(component);
  }

  public requests(period: Duration): cloudwatch.Metric {
    return this.traffic.requestCount({ period, statistic: 'Sum' });
  }

  public target5xx(period: Duration): cloudwatch.Metric {
    return this.traffic.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period, statistic: 'Sum' });
  }

  public responseTime(period: Duration, statistic: string): cloudwatch.Metric {
    return this.traffic.targetResponseTime({ period, statistic });
  }
}

/** The metrics of an application load balancer, for its alarms and its graphs alike. */
export class LoadBalancerMetrics extends TrafficMetrics {
  constructor(public readonly loadBalancer: elbv2.IApplicationLoadBalancer) {
    super(componentName(loadBalancer, undefined), loadBalancer.metrics);
  }

  public elb5xx(period: Duration): cloudwatch.Metric {
    return this.loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period, statistic: 'Sum' });
  }

  /**
   * The load balancer's own 5xx as a percent of requests, as alarmed on:
   * rates over too few requests are noise, so below 10 a period it counts as 0.
   */
  public elb5xxRate(period: Duration): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: 'IF(requests >= 10, 100 * FILL(errors, 0) / requests, 0)',
      usingMetrics: { errors: this.elb5xx(period), requests: this.requests(period) },
      label: 'ELB 5xx % of requests',
      period,
    });
  }

  public rejectedConnections(period: Duration): cloudwatch.Metric {
    return this.loadBalancer.metrics.rejectedConnectionCount({ period, statistic: 'Sum' });
  }
}

/** The metrics of one target group (one service's traffic). */
export class TargetGroupMetrics extends TrafficMetrics {
  constructor(public readonly targetGroup: elbv2.IApplicationTargetGroup) {
    super(componentName(targetGroup, undefined), targetGroup.metrics);
  }

  public healthyHosts(period: Duration): cloudwatch.Metric {
    return this.targetGroup.metrics.healthyHostCount({ period, statistic: 'Minimum' });
  }

  public unhealthyHosts(period: Duration): cloudwatch.Metric {
    return this.targetGroup.metrics.unhealthyHostCount({ period, statistic: 'Maximum' });
  }
}
