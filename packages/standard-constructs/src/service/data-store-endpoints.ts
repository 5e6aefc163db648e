import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

/**
 * Where a service finds its PostgreSQL and Redis-compatible stores, and the
 * secrets that unlock them. `TimescaleDataHost.dataStoreEndpoints()` returns
 * one for a self-hosted data host; production builds one from the existing
 * cluster's endpoints and secrets.
 */
export interface DataStoreEndpoints {
  /** PostgreSQL host name or address. */
  readonly postgresHost: string;
  /**
   * PostgreSQL port.
   * @default 5432
   */
  readonly postgresPort?: number;
  /** The application's PostgreSQL role. */
  readonly postgresUser: string;
  /** The application's database. */
  readonly postgresDatabase: string;
  /** The secret holding the application role's password. */
  readonly postgresPassword: secretsmanager.ISecret;
  /**
   * JSON key of the password inside `postgresPassword`.
   * @default - the whole secret string is the password
   */
  readonly postgresPasswordField?: string;
  /** Redis/Valkey host name or address. */
  readonly redisHost: string;
  /**
   * Redis/Valkey port.
   * @default 6379
   */
  readonly redisPort?: number;
  /** The secret holding the Redis/Valkey password. */
  readonly redisPassword: secretsmanager.ISecret;
  /**
   * JSON key of the password inside `redisPassword`.
   * @default - the whole secret string is the password
   */
  readonly redisPasswordField?: string;
  /**
   * Whether clients must use TLS to reach Redis/Valkey.
   * @default false
   */
  readonly redisTls?: boolean;
  /**
   * Whether Redis/Valkey runs in cluster mode.
   * @default false
   */
  readonly redisClusterMode?: boolean;
}
