import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { GraphSpec, PERCENT_AXIS } from './dashboard-layout';
import { LoadBalancerMetrics, TargetGroupMetrics } from '../monitoring/load-balancer-metrics';

const LATENCY_AXIS: cloudwatch.YAxisProps = { min: 0, label: 'seconds', showUnits: false };

/** p50/p90/p99 of a latency metric, one line each. */
function percentiles(metric: (statistic: string) => cloudwatch.Metric): cloudwatch.IMetric[] {
  return ['p50', 'p90', 'p99'].map((p) => metric(p).with({ label: p }));
}

/**
 * The load balancer as users see it: requests, 5xx as a percent of requests
 * (metric math, the load balancer's own and its targets', with the 5xx-rate
 * alarm's threshold) and p50/p90/p99 target response time.
 */
export function loadBalancerGraphs(alb: LoadBalancerMetrics, period: Duration): GraphSpec[] {
  const requests = alb.requests(period);
  return [
    { title: 'Requests', left: [requests.with({ label: 'Requests' })] },
    {
      title: '5xx rate',
      left: [
        new cloudwatch.MathExpression({
          expression: '100 * FILL(elb5xx, 0) / requests',
          usingMetrics: { elb5xx: alb.elb5xx(period), requests },
          label: 'Load balancer 5xx %',
          period,
        }),
        new cloudwatch.MathExpression({
          expression: '100 * FILL(target5xx, 0) / requests',
          usingMetrics: { target5xx: alb.target5xx(period), requests },
          label: 'Target 5xx %',
          period,
        }),
      ],
      leftYAxis: PERCENT_AXIS,
      leftAnnotations: alb.thresholds('loadBalancer5xxRate'),
    },
    {
      title: 'Latency p50 / p90 / p99',
      left: percentiles((statistic) => alb.responseTime(period, statistic)),
      leftYAxis: LATENCY_AXIS,
    },
  ];
}

/** One target group (one service's traffic): requests and 5xx, latency percentiles, healthy and unhealthy targets, each with its alarm's threshold. */
export function targetGroupGraphs(tg: TargetGroupMetrics, period: Duration): GraphSpec[] {
  const name = tg.component;
  return [
    {
      title: `${name}: requests and 5xx`,
      left: [tg.requests(period).with({ label: 'Requests' })],
      right: [tg.target5xx(period).with({ label: 'Target 5xx' })],
      rightYAxis: { min: 0, showUnits: false },
      rightAnnotations: tg.thresholds('target5xxCount'),
    },
    {
      title: `${name}: latency p50 / p90 / p99`,
      left: percentiles((statistic) => tg.responseTime(period, statistic)),
      leftYAxis: LATENCY_AXIS,
      leftAnnotations: tg.thresholds('targetResponseTimeP99'),
    },
    {
      title: `${name}: targets`,
      left: [tg.healthyHosts(period).with({ label: 'Healthy' }), tg.unhealthyHosts(period).with({ label: 'Unhealthy' })],
      leftAnnotations: tg.thresholds('unhealthyHosts'),
    },
  ];
}
