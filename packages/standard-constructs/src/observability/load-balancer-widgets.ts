import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { GraphSpec, PERCENT_AXIS } from './dashboard-layout';

const LATENCY_AXIS: cloudwatch.YAxisProps = { min: 0, label: 'seconds', showUnits: false };

/** p50/p90/p99 of a latency metric, one line each. */
function percentiles(metric: (statistic: string) => cloudwatch.Metric): cloudwatch.IMetric[] {
  return ['p50', 'p90', 'p99'].map((p) => metric(p).with({ label: p }));
}

/**
 * The load balancer as users see it: requests, 5xx as a percent of requests
 * (metric math, the load balancer's own and its targets', the same rate
 * `StandardAlarms` alarms on) and p50/p90/p99 target response time.
 */
export function loadBalancerGraphs(alb: elbv2.IApplicationLoadBalancer, period: Duration): GraphSpec[] {
  const sum = { period, statistic: 'Sum' };
  const requests = alb.metrics.requestCount(sum);
  return [
    { title: 'Requests', left: [requests.with({ label: 'Requests' })] },
    {
      title: '5xx rate',
      left: [
        new cloudwatch.MathExpression({
          expression: '100 * FILL(elb5xx, 0) / requests',
          usingMetrics: { elb5xx: alb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, sum), requests },
          label: 'Load balancer 5xx %',
          period,
        }),
        new cloudwatch.MathExpression({
          expression: '100 * FILL(target5xx, 0) / requests',
          usingMetrics: { target5xx: alb.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, sum), requests },
          label: 'Target 5xx %',
          period,
        }),
      ],
      leftYAxis: PERCENT_AXIS,
    },
    {
      title: 'Latency p50 / p90 / p99',
      left: percentiles((statistic) => alb.metrics.targetResponseTime({ period, statistic })),
      leftYAxis: LATENCY_AXIS,
    },
  ];
}

/** One target group (one service's traffic): requests and 5xx, latency percentiles, healthy and unhealthy targets. */
export function targetGroupGraphs(tg: elbv2.IApplicationTargetGroup, name: string, period: Duration): GraphSpec[] {
  const sum = { period, statistic: 'Sum' };
  return [
    {
      title: `${name}: requests and 5xx`,
      left: [tg.metrics.requestCount(sum).with({ label: 'Requests' })],
      right: [tg.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, sum).with({ label: 'Target 5xx' })],
      rightYAxis: { min: 0, showUnits: false },
    },
    {
      title: `${name}: latency p50 / p90 / p99`,
      left: percentiles((statistic) => tg.metrics.targetResponseTime({ period, statistic })),
      leftYAxis: LATENCY_AXIS,
    },
    {
      title: `${name}: targets`,
      left: [
        tg.metrics.healthyHostCount({ period, statistic: 'Minimum' }).with({ label: 'Healthy' }),
        tg.metrics.unhealthyHostCount({ period, statistic: 'Maximum' }).with({ label: 'Unhealthy' }),
      ],
    },
  ];
}
