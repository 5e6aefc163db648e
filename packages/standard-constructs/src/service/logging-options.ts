import { RemovalPolicy, Size } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The service's log group and how the awslogs driver delivers a container's
 * stdout/stderr to it. Applications should write one JSON object per line in
 * the format documented in the observability README.
 */
export interface ServiceLoggingOptions {
  /**
   * `NON_BLOCKING` buffers lines in memory and drops the oldest when the
   * buffer is full, so a CloudWatch Logs slowdown never stalls the
   * application's writes to stdout. `BLOCKING` never drops a line but can
   * freeze the application (and its health check) while logs cannot be delivered.
   * @default ecs.AwsLogDriverMode.NON_BLOCKING
   */
  readonly mode?: ecs.AwsLogDriverMode;
  /**
   * Size of the non-blocking buffer, in whole mebibytes, taken from the
   * task's memory. Only with `NON_BLOCKING`.
   * @default Size.mebibytes(25)
   */
  readonly maxBufferSize?: Size;
  /**
   * How long the log group keeps events.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly retention?: logs.RetentionDays;
  /**
   * What happens to the log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}
