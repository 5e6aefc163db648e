import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { GraphSpec, PERCENT_AXIS } from './dashboard-layout';

/**
 * An ECS service metric, from `AWS/ECS` or from Container Insights (the
 * cluster must have it on, as `StandardCluster` does). Built from the
 * cluster and service names, so imported services work too.
 */
function metric(
  namespace: string, service: ecs.IBaseService, metricName: string, label: string, period: Duration, statistic: string,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace,
    metricName,
    dimensionsMap: { ClusterName: service.cluster.clusterName, ServiceName: service.serviceName },
    period,
    statistic,
    label,
  });
}

/**
 * One ECS service: CPU and memory (average and busiest task), running
 * against desired and pending tasks, and deployments in progress.
 */
export function serviceGraphs(service: ecs.IBaseService, name: string, period: Duration): GraphSpec[] {
  const ecsMetric = (metricName: string, statistic: string) => metric('AWS/ECS', service, metricName, statistic, period, statistic);
  const insights = (metricName: string, label: string, statistic = 'Average') =>
    metric('ECS/ContainerInsights', service, metricName, label, period, statistic);
  return [
    {
      title: `${name}: CPU`,
      left: [
        ecsMetric('CPUUtilization', 'Average'),
        ecsMetric('CPUUtilization', 'Maximum'),
      ],
      leftYAxis: PERCENT_AXIS,
    },
    {
      title: `${name}: memory`,
      left: [
        ecsMetric('MemoryUtilization', 'Average'),
        ecsMetric('MemoryUtilization', 'Maximum'),
      ],
      leftYAxis: PERCENT_AXIS,
    },
    {
      title: `${name}: tasks running vs desired`,
      left: [
        insights('RunningTaskCount', 'Running'),
        insights('DesiredTaskCount', 'Desired'),
        insights('PendingTaskCount', 'Pending'),
      ],
    },
    {
      title: `${name}: deployments`,
      left: [insights('DeploymentCount', 'Deployments', 'Maximum')],
      leftYAxis: { min: 0, showUnits: false, label: 'in progress' },
    },
  ];
}
