import { Duration } from 'aws-cdk-lib';
import { GraphSpec, PERCENT_AXIS } from './dashboard-layout';
import { ServiceMetrics } from '../monitoring/service-metrics';

/**
 * One ECS service: CPU and memory (average and busiest task, with the
 * alarms' thresholds), running against desired and pending tasks, and
 * deployments in progress.
 */
export function serviceGraphs(service: ServiceMetrics, period: Duration): GraphSpec[] {
  const name = service.component;
  const insights = (metricName: string, label: string, statistic = 'Average') => service.insights(metricName, period, statistic, label);
  const busiestAndAverage = (metricName: 'CPUUtilization' | 'MemoryUtilization') =>
    ['Average', 'Maximum'].map((statistic) => service.utilization(metricName, period, statistic, statistic));
  return [
    {
      title: `${name}: CPU`,
      left: busiestAndAverage('CPUUtilization'),
      leftYAxis: PERCENT_AXIS,
      leftAnnotations: service.thresholds('serviceCpu'),
    },
    {
      title: `${name}: memory`,
      left: busiestAndAverage('MemoryUtilization'),
      leftYAxis: PERCENT_AXIS,
      leftAnnotations: service.thresholds('serviceMemory'),
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
