import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';

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
  /**
   * The libpq `sslmode` clients should use, e.g. `verify-full` (a `TimescaleDataHost` serves TLS only).
   * @default - the client's own default (libpq: `prefer`)
   */
  readonly postgresSslMode?: string;
  /**
   * SSM parameter holding the PEM certificate of the CA that signed the server's TLS certificate
   * (for `sslmode=verify-full` and Redis/Valkey TLS verification).
   * @default - no CA published: clients verify against their own trust store
   */
  readonly postgresCaCertificate?: ssm.IStringParameter;
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
