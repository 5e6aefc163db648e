import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ContinuousArchiveOptions } from './continuous-archive-options';
import { RestoreSource } from './restore-source';

/** Properties of a `TimescaleDataHost`. */
export interface TimescaleDataHostProps {
  /** The VPC of the host. */
  readonly vpc: ec2.IVpc;
  /**
   * Private subnets to place the host in; it goes into the first one (its data volume lives in that subnet's AZ).
   * Public subnets are refused: the host holds the database and needs no public address.
   * @default - the VPC's private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** Project part of names, e.g. `tracker-restapi`. */
  readonly projectName: string;
  /** Environment part of names, e.g. `staging`. */
  readonly environmentName: string;
  /** Encrypts the volumes, the secrets and the PostgreSQL log group. */
  readonly encryptionKey: kms.IKey;
  /**
   * The Debian 12 image, pinned: use `DebianBookwormImage` with explicit AMI ids.
   * Changing it replaces the instance (the data volume survives, see the README).
   */
  readonly machineImage: ec2.IMachineImage;
  /**
   * Device name of the image's root volume, to size and encrypt it.
   * @default '/dev/xvda' (Debian's AMIs)
   */
  readonly rootDeviceName?: string;
  /**
   * Instance type; at least 2 GiB of memory.
   * @default t3.medium
   */
  readonly instanceType?: ec2.InstanceType;
  /**
   * CPU credit mode of a burstable instance type.
   * @default - the instance family's default (unlimited for T3)
   */
  readonly cpuCredits?: ec2.CpuCredits;
  /**
   * Size of the root volume (system, packages, logs).
   * @default Size.gibibytes(20)
   */
  readonly rootVolumeSize?: Size;
  /**
   * Size of the data volume that holds PostgreSQL's data; at least 20 GiB.
   * @default Size.gibibytes(50)
   */
  readonly dataVolumeSize?: Size;
  /**
   * Provisioned IOPS of the gp3 data volume, 3000 to 16000.
   * @default 3000
   */
  readonly dataVolumeIops?: number;
  /**
   * Throughput of the gp3 data volume in MiB/s, 125 to 1000.
   * @default 125
   */
  readonly dataVolumeThroughput?: number;
  /**
   * What happens to the data volume when it leaves the stack or is replaced. DESTROY is refused.
   * @default RemovalPolicy.SNAPSHOT
   */
  readonly dataVolumeRemovalPolicy?: RemovalPolicy;
  /**
   * Snapshot to create the data volume from, to build a host from a backup.
   * @default - a blank volume, formatted by the bootstrap
   */
  readonly dataVolumeSnapshotId?: string;
  /**
   * What happens to the three generated secrets (superuser, application, Valkey) when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly secretsRemovalPolicy?: RemovalPolicy;
  /**
   * What happens to the PostgreSQL log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly logGroupRemovalPolicy?: RemovalPolicy;
  /**
   * PostgreSQL major version: 15, 16 or 17. Changing it on a host with data is refused by the
   * bootstrap (it never creates a second, empty cluster); upgrade with `pg_upgradecluster` (see the README).
   * @default 16
   */
  readonly postgresVersion?: number;
  /**
   * PostgreSQL `max_connections`, 20 to 5000.
   * @default 100
   */
  readonly maxConnections?: number;
  /** The application's PostgreSQL role, e.g. `tracker`. */
  readonly applicationUser: string;
  /** The application's database, owned by `applicationUser`, e.g. `tracker`. */
  readonly applicationDatabase: string;
  /**
   * IPv4 ranges `pg_hba.conf` admits (TLS and scram-sha-256, application role and database only).
   * The security group decides which peers reach the ports at all.
   * @default - the VPC's CIDR block
   */
  readonly clientCidrs?: string[];
  /**
   * How long daily snapshots of the data volume are kept.
   * @default Duration.days(14)
   */
  readonly backupRetention?: Duration;
  /**
   * The vault of the daily snapshots.
   * @default - a new vault, retained on removal
   */
  readonly backupVault?: backup.IBackupVault;
  /**
   * Namespace of the CloudWatch agent's memory and disk metrics and of the PostgreSQL connections metric.
   * @default 'CWAgent'
   */
  readonly agentMetricsNamespace?: string;
  /**
   * Retention of the PostgreSQL log group.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Whether the instance is protected from termination (turn off only for throwaway stacks such as integ tests).
   * @default true
   */
  readonly terminationProtection?: boolean;
  /**
   * How long CloudFormation waits for the bootstrap's signal before failing the deployment.
   * @default Duration.minutes(30)
   */
  readonly bootstrapTimeout?: Duration;
  /**
   * Continuous archiving with pgBackRest, always on: WAL archived within 60 s,
   * weekly full and daily differential backups, point-in-time restore within the retention.
   * @default - a new retained, KMS-encrypted repository (the host's key) and 14 days of retention
   */
  readonly continuousArchive?: ContinuousArchiveOptions;
  /**
   * Restore the database from the continuous archive, instead of initialising an
   * empty cluster, when the data volume holds no cluster (see docs/runbooks/data-host-restore.md).
   * @default - none: a blank volume gets a new, empty cluster
   */
  readonly restore?: RestoreSource;
}
