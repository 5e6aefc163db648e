import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IConstruct } from 'constructs';
import { ServiceAutoScalingOptions } from './service-autoscaling-options';
import { AUTOSCALING_DEFAULTS } from './service-defaults';
import { consolidate } from '../internal/defaults';
import { assertIntegerInRange, invalidProp } from '../internal/validation';

/**
 * Validates `options` (and `desiredCount` against their bounds) before any
 * resource exists: a desired count outside the bounds would be moved by
 * Application Auto Scaling on the first scaling activity, silently.
 */
export function validateAutoScaling(
  scope: IConstruct, options: ServiceAutoScalingOptions, desiredCount: number | undefined, loadBalanced: boolean,
): void {
  const minCapacity = options.minCapacity ?? AUTOSCALING_DEFAULTS.minCapacity;
  assertIntegerInRange(scope, 'autoScaling.maxCapacity', options.maxCapacity, 1, 5000);
  assertIntegerInRange(scope, 'autoScaling.minCapacity', minCapacity, 0, 5000);
  if (minCapacity > options.maxCapacity) {
    throw invalidProp(scope, 'autoScaling.minCapacity', `${minCapacity} is above maxCapacity ${options.maxCapacity}`,
      'Make minCapacity at most maxCapacity.');
  }
  if (desiredCount !== undefined && (desiredCount < minCapacity || desiredCount > options.maxCapacity)) {
    throw invalidProp(scope, 'desiredCount', `${desiredCount} is outside the autoscaling bounds ${minCapacity} to ${options.maxCapacity}`,
      'Give a desiredCount within autoScaling.minCapacity and maxCapacity, or omit it to start at minCapacity.');
  }
  assertIntegerInRange(scope, 'autoScaling.targetCpuUtilizationPercent', options.targetCpuUtilizationPercent, 10, 90);
  assertIntegerInRange(scope, 'autoScaling.queueMessagesPerTask', options.queueMessagesPerTask, 1, 1_000_000);
  if (options.requestsPerTarget !== undefined && !loadBalanced) {
    throw invalidProp(scope, 'autoScaling.requestsPerTarget', 'a worker service has no load balancer requests to count',
      'Remove requestsPerTarget, or scale a worker on `queue` depth instead.');
  }
  assertIntegerInRange(scope, 'autoScaling.requestsPerTarget', options.requestsPerTarget, 1, 1_000_000);
}

/** Attaches the scaling policies of validated `options` to `service`. */
export function configureAutoScaling(
  service: ecs.FargateService,
  options: ServiceAutoScalingOptions,
  targetGroup: elbv2.ApplicationTargetGroup | undefined,
): ecs.ScalableTaskCount {
  const resolved = consolidate(AUTOSCALING_DEFAULTS, options);
  const cooldowns = { scaleInCooldown: resolved.scaleInCooldown, scaleOutCooldown: resolved.scaleOutCooldown };
  const scaling = service.autoScaleTaskCount({ minCapacity: resolved.minCapacity, maxCapacity: options.maxCapacity });
  scaling.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: resolved.targetCpuUtilizationPercent, ...cooldowns });
  if (options.requestsPerTarget !== undefined && targetGroup) {
    scaling.scaleOnRequestCount('RequestCountScaling', { requestsPerTarget: options.requestsPerTarget, targetGroup, ...cooldowns });
  }
  if (options.queue) {
    const perTask = resolved.queueMessagesPerTask;
    scaling.scaleOnMetric('QueueDepthScaling', {
      metric: options.queue.metricApproximateNumberOfMessagesVisible({ period: AUTOSCALING_DEFAULTS.queueMetricPeriod }),
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
