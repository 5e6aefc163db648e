import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { DataStoreEndpoints } from './data-store-endpoints';

/** Environment variables and secrets for one container. */
export interface ContainerEnvironment {
  /** Plain configuration, visible in the task definition. */
  readonly environment: { [name: string]: string };
  /** Values injected from Secrets Manager when the task starts. */
  readonly secrets: { [name: string]: ecs.Secret };
}

/**
 * The names under which the application reads each data store endpoint: the
 * application's own convention, e.g. `postgresHost: 'POSTGRES_SERVER'`. An
 * endpoint without a name is not passed. Passwords become ECS secrets, never
 * plain variables.
 */
export interface DataStoreVariables {
  /**
   * Variable with the PostgreSQL host name or address.
   * @default - not passed
   */
  readonly postgresHost?: string;
  /**
   * Variable with the PostgreSQL role.
   * @default - not passed
   */
  readonly postgresUser?: string;
  /**
   * Variable with the PostgreSQL database.
   * @default - not passed
   */
  readonly postgresDatabase?: string;
  /**
   * Variable with the PostgreSQL port.
   * @default - not passed
   */
  readonly postgresPort?: string;
  /**
   * Variable with the Redis/Valkey host name or address.
   * @default - not passed
   */
  readonly redisHost?: string;
  /**
   * Variable with the Redis/Valkey port.
   * @default - not passed
   */
  readonly redisPort?: string;
  /**
   * Variable saying whether Redis/Valkey runs in cluster mode: `true` or `false`.
   * @default - not passed
   */
  readonly redisClusterMode?: string;
  /**
   * Variable saying whether clients must use TLS to Redis/Valkey: `true` or `false`.
   * @default - not passed
   */
  readonly redisTls?: string;
  /**
   * Secret variable with the PostgreSQL password.
   * @default - not passed
   */
  readonly postgresPassword?: string;
  /**
   * Secret variable with the Redis/Valkey password.
   * @default - not passed
   */
  readonly redisPassword?: string;
  /**
   * Application settings that go with the data stores, passed as they are,
   * e.g. which Redis logical database serves which purpose.
   * @default - none
   */
  readonly constants?: { [name: string]: string };
}

/** A service's data stores: where they are, how the application names them, and the network path to them. */
export interface DataStoreConnection {
  /** The endpoints and password secrets, e.g. `TimescaleDataHost.dataStoreEndpoints()`. */
  readonly endpoints: DataStoreEndpoints;
  /** The variable names the application reads the endpoints from. */
  readonly variables: DataStoreVariables;
  /**
   * Where the stores live, for the network path: the data host, its security
   * group, or `ec2.Peer.ipv4(peerCidr)` for a peered VPC. The tasks get egress
   * to it on the PostgreSQL and Redis ports only (and a security group the
   * matching ingress).
   * @default - no rule: open the path yourself, e.g. `dataHost.allowFrom(service)`
   */
  readonly peer?: ec2.IConnectable;
}
