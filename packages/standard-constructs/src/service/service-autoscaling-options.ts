import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/** Task-count scaling: CPU target tracking, plus requests (web) or queue depth (worker). */
export interface ServiceAutoScalingOptions {
  /**
   * Fewest tasks.
   * @default 1
   */
  readonly minCapacity?: number;
  /** Most tasks. */
  readonly maxCapacity: number;
  /**
   * Average CPU utilisation (percent) to keep the service at.
   * @default 65
   */
  readonly targetCpuUtilizationPercent?: number;
  /**
   * ALB requests per task per minute to keep the service at; web services only.
   * @default - no request count scaling
   */
  readonly requestsPerTarget?: number;
  /**
   * SQS queue whose visible messages drive step scaling (workers).
   * @default - no queue depth scaling
   */
  readonly queue?: sqs.IQueue;
  /**
   * Visible messages at which one task is added; ten times as many add three.
   * An empty queue removes one task (never below `minCapacity`).
   * @default 100
   */
  readonly queueMessagesPerTask?: number;
  /**
   * Wait after a scale-in before scaling in again.
   * @default Duration.seconds(300)
   */
  readonly scaleInCooldown?: Duration;
  /**
   * Wait after a scale-out before scaling out again.
   * @default Duration.seconds(60)
   */
  readonly scaleOutCooldown?: Duration;
}
