import { Duration } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';

/** How a web service joins an existing, shared ALB listener. */
export interface WebServiceOptions {
  /** The existing listener (e.g. the HTTPS listener) the service's rules go on. */
  readonly listener: elbv2.IApplicationListener;
  /**
   * Priority of the service's listener rule, 1 to 50000, unique on the
   * listener. A service whose paths and hosts need more than one rule (ALB
   * allows five values per rule) uses consecutive priorities from this one.
   */
  readonly priority: number;
  /**
   * Path patterns routed to the service, e.g. `['/api/*', '/docs']`.
   * @default - any path (then `hostHeaders` is required)
   */
  readonly pathPatterns?: string[];
  /**
   * Host headers routed to the service, e.g. `['admin.example.com']`.
   * @default - any host (then `pathPatterns` is required)
   */
  readonly hostHeaders?: string[];
  /**
   * Path the target group's health check requests.
   * @default '/'
   */
  readonly healthCheckPath?: string;
  /**
   * HTTP codes a healthy target answers with.
   * @default '200'
   */
  readonly healthyHttpCodes?: string;
  /**
   * Consecutive successful health checks before a target is healthy.
   * @default 2
   */
  readonly healthyThresholdCount?: number;
  /**
   * Consecutive failed health checks before a target is unhealthy.
   * @default 2
   */
  readonly unhealthyThresholdCount?: number;
  /**
   * Time between health checks.
   * @default Duration.seconds(30)
   */
  readonly healthCheckInterval?: Duration;
  /**
   * Time to wait for a health check answer; shorter than the interval.
   * @default Duration.seconds(5)
   */
  readonly healthCheckTimeout?: Duration;
  /**
   * Time the ALB lets in-flight requests finish on a deregistering task.
   * @default Duration.seconds(30)
   */
  readonly deregistrationDelay?: Duration;
  /**
   * Time after a task starts during which failed ALB health checks are ignored.
   * @default Duration.seconds(60)
   */
  readonly healthCheckGracePeriod?: Duration;
}
