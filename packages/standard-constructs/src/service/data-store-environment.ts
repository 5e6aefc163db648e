import { Tokenization } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { DataStoreEndpoints } from './data-store-endpoints';

/** Environment variables and secrets for one container. */
export interface ContainerEnvironment {
  /** Plain configuration, visible in the task definition. */
  readonly environment: { [name: string]: string };
  /** Values injected from Secrets Manager when the task starts. */
  readonly secrets: { [name: string]: ecs.Secret };
}

/** Tuning for `DataStoreEnvironment.fromEndpoints`. */
export interface DataStoreEnvironmentOptions {
  /**
   * `REDIS_CACHE_TTL`: seconds the API keeps cached responses.
   * @default 3600
   */
  readonly redisCacheTtlSeconds?: number;
}

/**
 * Redis logical databases the Tracker API uses for each purpose (seed 001):
 * cache 0, TaskiQ tasks 1, health checks 2, notifications 3.
 */
const REDIS_DATABASES = {
  REDIS_CACHE_DB: '0',
  REDIS_TASKS_DB: '1',
  REDIS_HEALTH_DB: '2',
  REDIS_NOTIFICATIONS_DB: '3',
} as const;

/**
 * Turns `DataStoreEndpoints` into the `POSTGRES_*`/`REDIS_*` variables and
 * secrets the Tracker API reads (seed 001, module 9). Passwords are ECS
 * secrets, never plain environment variables. `SECRET_KEY` is the
 * application's own secret: pass it in the service's `secrets`.
 */
export class DataStoreEnvironment {
  /** The environment variables and secrets for `endpoints`. */
  public static fromEndpoints(endpoints: DataStoreEndpoints, options: DataStoreEnvironmentOptions = {}): ContainerEnvironment {
    return {
      environment: {
        POSTGRES_SERVER: endpoints.postgresHost,
        POSTGRES_USER: endpoints.postgresUser,
        POSTGRES_DB: endpoints.postgresDatabase,
        POSTGRES_PORT: Tokenization.stringifyNumber(endpoints.postgresPort ?? 5432),
        REDIS_HOST: endpoints.redisHost,
        REDIS_PORT: Tokenization.stringifyNumber(endpoints.redisPort ?? 6379),
        REDIS_CLUSTER_MODE: String(endpoints.redisClusterMode ?? false),
        REDIS_TLS_ENABLED: String(endpoints.redisTls ?? false),
        REDIS_CACHE_TTL: Tokenization.stringifyNumber(options.redisCacheTtlSeconds ?? 3600),
        ...REDIS_DATABASES,
      },
      secrets: {
        POSTGRES_PASSWORD: ecs.Secret.fromSecretsManager(endpoints.postgresPassword, endpoints.postgresPasswordField),
        REDIS_PASSWORD: ecs.Secret.fromSecretsManager(endpoints.redisPassword, endpoints.redisPasswordField),
      },
    };
  }

  private constructor() {}
}
