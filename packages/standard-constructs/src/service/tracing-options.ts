import { Size } from 'aws-cdk-lib';
import { ServiceImage } from './service-image';

/**
 * Distributed tracing: an AWS Distro for OpenTelemetry (ADOT) collector
 * sidecar receiving OTLP on localhost and exporting to AWS X-Ray, an X-Ray
 * sampling rule for the service, and the `OTEL_*` variables that point the
 * application's OpenTelemetry SDK at the sidecar.
 */
export interface ServiceTracingOptions {
  /**
   * Fraction of requests traced after the reservoir, from 0 to 1.
   * @default 0.05
   */
  readonly samplingRate?: number;
  /**
   * Requests a second traced regardless of `samplingRate` (the reservoir), per service.
   * @default 1
   */
  readonly reservoirSize?: number;
  /**
   * Priority of the service's X-Ray sampling rule (1 = evaluated first; X-Ray's default rule is 10000).
   * @default 1000
   */
  readonly samplingRulePriority?: number;
  /**
   * The collector image, e.g. a copy mirrored into your own ECR repository, pinned by digest.
   * @default - public.ecr.aws/aws-observability/aws-otel-collector at the release tag this library was tested with
   */
  readonly collectorImage?: ServiceImage;
  /**
   * CPU units reserved for the collector, out of the task's `cpu`.
   * @default 64
   */
  readonly collectorCpu?: number;
  /**
   * Hard memory limit of the collector, in whole mebibytes, out of the task's
   * memory. The collector's memory limiter keeps it below 80 % of this.
   * @default Size.mebibytes(128)
   */
  readonly collectorMemoryLimit?: Size;
}
