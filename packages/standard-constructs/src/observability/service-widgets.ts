import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { GraphSpec, PERCENT_AXIS } from './dashboard-layout';

/** An ECS service metric from Container Insights (the cluster must have it on, as `StandardCluster` does). */
function insights(service: ecs.BaseService, metricName: string, label: string, period: Duration, statistic = 'Average'): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'ECS/ContainerInsights',
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
export function serviceGraphs(service: ecs.BaseService, name: string, period: Duration): GraphSpec[] {
  return [
    {
      title: `${name}: CPU`,
      left: [
        service.metricCpuUtilization({ period, statistic: 'Average', label: 'Average' }),
        service.metricCpuUtilization({ period, statistic: 'Maximum', label: 'Maximum' }),
      ],
      leftYAxis: PERCENT_AXIS,
    },
    {
      title: `${name}: memory`,
      left: [
        service.metricMemoryUtilization({ period, statistic: 'Average', label: 'Average' }),
        service.metricMemoryUtilization({ period, statistic: 'Maximum', label: 'Maximum' }),
      ],
      leftYAxis: PERCENT_AXIS,
    },
    {
      title: `${name}: tasks running vs desired`,
      left: [
        insights(service, 'RunningTaskCount', 'Running', period),
        insights(service, 'DesiredTaskCount', 'Desired', period),
        insights(service, 'PendingTaskCount', 'Pending', period),
      ],
    },
    {
      title: `${name}: deployments`,
      left: [insights(service, 'DeploymentCount', 'Deployments', period, 'Maximum')],
      leftYAxis: { min: 0, showUnits: false, label: 'in progress' },
    },
  ];
}
