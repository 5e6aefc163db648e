import { Duration } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IConstruct } from 'constructs';
import { ServiceAutoScalingOptions } from './service-autoscaling-options';
import { assertIntegerInRange, invalidProp } from '../internal/validation';

/** Validates `options` and attaches the scaling policies to `service`. */
export function configureAutoScaling(
  scope: IConstruct,
  service: ecs.FargateService,
  options: ServiceAutoScalingOptions,
  targetGroup: elbv2.ApplicationTargetGroup | undefined,
): ecs.ScalableTaskCount {
  const minCapacity = options.minCapacity ?? 1;
  assertIntegerInRange(scope, 'autoScaling.maxCapacity', options.maxCapacity, 1, 5000);
  assertIntegerInRange(scope, 'autoScaling.minCapacity', minCapacity, 0, options.maxCapacity);
  assertIntegerInRange(scope, 'autoScaling.targetCpuUtilizationPercent', options.targetCpuUtilizationPercent, 10, 90);
  assertIntegerInRange(scope, 'autoScaling.queueMessagesPerTask', options.queueMessagesPerTask, 1, 1_000_000);
  if (options.requestsPerTarget !== undefined && !targetGroup) {
    throw invalidProp(scope, 'autoScaling.requestsPerTarget', 'a worker service has no load balancer requests to count',
      'Remove requestsPerTarget, or scale a worker on `queue` depth instead.');
  }
  assertIntegerInRange(scope, 'autoScaling.requestsPerTarget', options.requestsPerTarget, 1, 1_000_000);

  const cooldowns = {
    scaleInCooldown: options.scaleInCooldown ?? Duration.seconds(300),
    scaleOutCooldown: options.scaleOutCooldown ?? Duration.seconds(60),
  };
  const scaling = service.autoScaleTaskCount({ minCapacity, maxCapacity: options.maxCapacity });
  scaling.scaleOnCpuUtilization('CpuScaling', {
    targetUtilizationPercent: options.targetCpuUtilizationPercent ?? 65,
    ...cooldowns,
  });
  if (options.requestsPerTarget !== undefined && targetGroup) {
    scaling.scaleOnRequestCount('RequestCountScaling', { requestsPerTarget: options.requestsPerTarget, targetGroup, ...cooldowns });
  }
  if (options.queue) {
    const perTask = options.queueMessagesPerTask ?? 100;
    scaling.scaleOnMetric('QueueDepthScaling', {
      metric: options.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
      scalingSteps: [
        { upper: 0, change: -1 },
        { lower: perTask, change: +1 },
        { lower: perTask * 10, change: +3 },
      ],
      cooldown: cooldowns.scaleOutCooldown,
    });
  }
  return scaling;
}
