import { Size } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';

/** How the application container runs: health check, memory limit and hardening. */
export interface ServiceContainerOptions {
  /**
   * Container health check, with an explicit command the image can run, e.g.
   * `['CMD', '/app/healthcheck']` or `['CMD-SHELL', 'curl -fsS http://localhost:8000/health || exit 1']`.
   * Opt-in because no command exists in every image (distroless and slim
   * images have no shell or curl): a check the image cannot run marks every
   * task unhealthy and the circuit breaker rolls each deployment back.
   * Timing fields left out default to a 30 s interval, 5 s timeout, 3 retries
   * and a 60 s start period.
   * @default - no container health check; a web service's health is the ALB target group's check
   */
  readonly healthCheck?: ecs.HealthCheck;
  /**
   * Hard memory limit of the application container: ECS stops it above this.
   * @default - the task memory less the tracing collector's limit
   */
  readonly memoryLimit?: Size;
  /**
   * Mounts the root filesystem read-only; `scratchPaths` stay writable.
   * Needs `enableExecuteCommand: false` (the ECS Exec agent writes to the root filesystem).
   * @default false
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * Writable, empty, task-lifetime volumes mounted at these absolute paths,
   * e.g. `['/tmp', '/app/cache']`; each gets a volume named after its path
   * (`scratch-tmp`, `scratch-app-cache`).
   * @default - `['/tmp']` with `readonlyRootFilesystem`, else none
   */
  readonly scratchPaths?: string[];
  /**
   * User the container runs as: a name or uid, optionally `:group` or `:gid`,
   * e.g. `1000:1000` or `app`. Root (`root`, `0`) is refused: omit `user` to
   * keep the image's USER instead.
   * @default - the image's USER
   */
  readonly user?: string;
}
