import { Duration } from 'aws-cdk-lib';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';

/** Private DNS (Cloud Map) registration, e.g. `anisette-v3.anisette-v3.local`. */
export interface ServiceDiscoveryOptions {
  /**
   * An existing private DNS namespace.
   * @default - a private DNS namespace named `namespaceName` is created in the cluster's VPC
   */
  readonly namespace?: servicediscovery.IPrivateDnsNamespace;
  /**
   * Name of the namespace to create; only without `namespace`.
   * @default '<serviceName>.local'
   */
  readonly namespaceName?: string;
  /**
   * The service's name in the namespace.
   * @default - the service name
   */
  readonly name?: string;
  /**
   * TTL of the A records.
   * @default Duration.seconds(10)
   */
  readonly dnsTtl?: Duration;
}

/**
 * An EFS access point mounted into the container, over TLS and authorised by
 * the task role (IAM), e.g. a `/data` directory shared by a worker and a private service.
 */
export interface EfsMount {
  /** The file system (encrypted at rest). */
  readonly fileSystem: efs.IFileSystem;
  /** The access point, which fixes the POSIX user and root directory. */
  readonly accessPoint: efs.IAccessPoint;
  /** Where the access point appears in the container, e.g. `/data`. */
  readonly containerPath: string;
  /**
   * Whether the container may only read.
   * @default false
   */
  readonly readOnly?: boolean;
}
