import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { componentName } from './component-name';
import { MetricSource } from './metric-source';

/**
 * The metrics of an ECS service, from `AWS/ECS` and Container Insights (the
 * cluster must have it on, as `StandardCluster` does). Built from the cluster
 * and service names only, so imported services work as well as created ones.
 */
export class ServiceMetrics extends MetricSource {
  constructor(public readonly service: ecs.IBaseService) {
    // A created service's `serviceName` is a token: its literal is on the L1. An imported one's is the literal.
    super(componentName(service, (service.node.defaultChild as ecs.CfnService | undefined)?.serviceName ?? service.serviceName));
  }

  /** `CPUUtilization` or `MemoryUtilization` of `AWS/ECS`. */
  public utilization(metricName: 'CPUUtilization' | 'MemoryUtilization', period: Duration, statistic: string, label?: string): cloudwatch.Metric {
    return this.metric('AWS/ECS', metricName, period, statistic, label);
  }

  /** A Container Insights metric such as `RunningTaskCount`. */
  public insights(metricName: string, period: Duration, statistic: string, label?: string): cloudwatch.Metric {
    return this.metric('ECS/ContainerInsights', metricName, period, statistic, label);
  }

  /** Desired minus running tasks: how many tasks are missing. */
  public tasksBelowDesired(period: Duration): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: 'desired - running',
      usingMetrics: { desired: this.insights('DesiredTaskCount', period, 'Average'), running: this.insights('RunningTaskCount', period, 'Average') },
      label: 'Tasks below desired',
      period,
    });
  }

  private metric(namespace: string, metricName: string, period: Duration, statistic: string, label?: string): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace,
      metricName,
      dimensionsMap: { ClusterName: this.service.cluster.clusterName, ServiceName: this.service.serviceName },
      period,
      statistic,
      label,
    });
  }
}
