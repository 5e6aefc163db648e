import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** How ECS replaces tasks during a deployment. The circuit breaker with rollback is always on. */
export interface ServiceDeploymentOptions {
  /**
   * Lower limit of running tasks during a deployment, percent of desired.
   * @default 50
   */
  readonly minHealthyPercent?: number;
  /**
   * Upper limit of running tasks during a deployment, percent of desired.
   * @default 200
   */
  readonly maxHealthyPercent?: number;
  /**
   * Alarms that roll a deployment back while they are in ALARM.
   * @default - only the circuit breaker rolls back
   */
  readonly alarms?: cloudwatch.IAlarm[];
}
