import { Aws, CfnWaitCondition, Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { IBackupRepository } from './backup-repository';
import { BootstrapFiles } from './bootstrap-files';
import { ContinuousArchive } from './continuous-archive';
import { archiveAgeMetric, LAST_BACKUP_AGE_METRIC, WAL_ARCHIVE_AGE_METRIC } from './continuous-archive-metrics';
import { DATA_DEVICE_NAME, DATA_MOUNT_PATH, DataVolume } from './data-volume';
import { DataVolumeBackup } from './data-volume-backup';
import { selectHostSubnet } from './host-placement';
import { createHostRole, grantHostPermissions } from './host-role';
import { HostSecrets, PASSWORD_FIELD } from './host-secrets';
import { createHostSecurityGroup } from './host-security-group';
import { HostStateParameters } from './host-state-parameters';
import { createRecoveryAlarm } from './status-check-alarm';
import { TimescaleDataHostProps } from './timescale-data-host-props';
import { assertArchitecture, validateDataHostLimits } from './validate-props';
import { IMonitoredHost } from '../alarms/monitored-host';
import { qualifiedName } from '../internal/names';
import { DataStoreEndpoints } from '../service/data-store-endpoints';

const POSTGRES_PORT = 5432;
const VALKEY_PORT = 6379;
/** The TimescaleDB release the bootstrap installs and holds (a change upgrades it and runs `ALTER EXTENSION ... UPDATE`). */
const TIMESCALEDB_VERSION = '2.17.2';
/** Fingerprints of the signing keys packagecloud's TimescaleDB repository publishes (its current and its previous key). */
const TIMESCALEDB_KEY_FINGERPRINTS = ['1005FB68604CE9B8F6879CF759F18EDF47F24417', '0641009A8366FDE4444A7B62E7391C94080429FF'];

/**
 * One EC2 instance running PostgreSQL + TimescaleDB + PostGIS and Valkey,
 * made safe: a pinned Debian image, data on a separate encrypted gp3 volume
 * that outlives the instance, user data that never replaces the instance,
 * generated secrets, an idempotent bootstrap script (S3 asset) that signals
 * CloudFormation, TLS for PostgreSQL and Valkey with a published CA, IMDSv2,
 * SSM instead of SSH, termination protection, daily snapshots and EC2
 * auto-recovery.
 *
 * Open the ports to clients with `allowFrom(service)` (PostgreSQL and Valkey)
 * or `connections.allowDefaultPortFrom(service)` (PostgreSQL only).
 */
export class TimescaleDataHost extends Construct implements ec2.IConnectable, IMonitoredHost {
  /** The instance. */
  public readonly instance: ec2.Instance;
  /** The instance's role. */
  public readonly role: iam.IRole;
  /** The host's security group. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** Ingress to the host; the default port is PostgreSQL's. */
  public readonly connections: ec2.Connections;
  /** The data volume, mounted at `/var/lib/postgresql`. */
  public readonly dataVolume: ec2.Volume;
  /** PostgreSQL superuser (`postgres`) credentials, JSON `{ username, password }`. */
  public readonly superuserSecret: secretsmanager.ISecret;
  /** Application role credentials, JSON `{ username, password }`. */
  public readonly applicationSecret: secretsmanager.ISecret;
  /** Valkey credentials, JSON `{ username, password }`. */
  public readonly valkeySecret: secretsmanager.ISecret;
  /** PEM certificate of the CA that signed the host's PostgreSQL and Valkey TLS certificate (written by the bootstrap). */
  public readonly caCertificate: ssm.IStringParameter;
  /** Private DNS name of the host: the PostgreSQL and Valkey endpoint, and the name its TLS certificate carries. */
  public readonly endpointAddress: string;
  /** PostgreSQL's port. */
  public readonly postgresPort: number = POSTGRES_PORT;
  /** Valkey's port (TLS). */
  public readonly valkeyPort: number = VALKEY_PORT;
  /** The application's PostgreSQL role. */
  public readonly applicationUser: string;
  /** The application's database. */
  public readonly applicationDatabase: string;
  /** PostgreSQL's log, shipped by the CloudWatch agent. */
  public readonly logGroup: logs.LogGroup;
  /** Daily snapshots of the data volume. */
  public readonly backupPlan: backup.BackupPlan;
  /** System status check alarm whose action recovers the instance. */
  public readonly statusCheckAlarm: cloudwatch.Alarm;
  /** Commands that re-run the bootstrap with the current script and configuration (SSM `AWS-RunShellScript`). */
  public readonly bootstrapCommands: string[];
  /** The instance id. */
  public readonly instanceId: string;
  /** The instance type. */
  public readonly instanceType: ec2.InstanceType;
  /** `/` and the data volume's mount path. */
  public readonly monitoredMountPaths: string[] = ['/', DATA_MOUNT_PATH];
  /** Namespace of the CloudWatch agent's metrics, and of the bootstrap's PostgreSQL connections metric. */
  public readonly agentMetricsNamespace: string;
  /** PostgreSQL's `max_connections`. */
  public readonly maxConnections: number;
  /**
   * PostgreSQL's `max_connections`, for `IMonitoredHost` (the connections alarm defaults to 80 % of it).
   * Always set; optional only because the interface's is (jsii). Prefer `maxConnections`.
   * @default - `maxConnections`
   */
  public readonly postgresMaxConnections?: number;
  /**
   * Client connections, published every minute by the bootstrap's timer, for `IMonitoredHost`
   * (`StandardAlarms` and `ServiceDashboard` pick it up). Always set; optional only because the
   * interface's is (jsii). Prefer `metricConnections()`.
   * @default - `metricConnections()`
   */
  public readonly postgresConnectionsMetric?: cloudwatch.IMetric;
  /**
   * Seconds since the last WAL segment reached the repository, while WAL waits to be
   * archived (0 when none does), published every minute. Always set; optional only because
   * `IMonitoredHost`'s is (jsii).
   * @default - published by the bootstrap's `data-host-archive-metrics` timer
   */
  public readonly walArchiveAgeMetric?: cloudwatch.IMetric;
  /**
   * Seconds since the last pgBackRest backup that succeeded on every repository, published
   * every minute (nothing before the first). Always set; optional only because `IMonitoredHost`'s is (jsii).
   * @default - published by the bootstrap's `data-host-archive-metrics` timer
   */
  public readonly lastBackupAgeMetric?: cloudwatch.IMetric;
  /** The pgBackRest repository the host archives to and restores from. */
  public readonly backupRepository: IBackupRepository;

  constructor(scope: Construct, id: string, props: TimescaleDataHostProps) {
    super(scope, id);
    const name = qualifiedName(this, props.projectName, props.environmentName);
    this.instanceType = props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM);
    this.applicationUser = props.applicationUser;
    this.applicationDatabase = props.applicationDatabase;
    this.agentMetricsNamespace = props.agentMetricsNamespace ?? 'CWAgent';
    const postgresVersion = props.postgresVersion ?? 16;
    this.maxConnections = props.maxConnections ?? 100;
    this.postgresMaxConnections = this.maxConnections;
    const clientCidrs = props.clientCidrs ?? [props.vpc.vpcCidrBlock];
    const limits = {
      instanceType: this.instanceType,
      dataVolumeSize: props.dataVolumeSize ?? Size.gibibytes(50),
      dataVolumeIops: props.dataVolumeIops ?? 3000,
      dataVolumeThroughput: props.dataVolumeThroughput ?? 125,
      dataVolumeRemovalPolicy: props.dataVolumeRemovalPolicy ?? RemovalPolicy.SNAPSHOT,
      postgresVersion,
      maxConnections: this.maxConnections,
      applicationUser: this.applicationUser,
      applicationDatabase: this.applicationDatabase,
      clientCidrs,
      backupRetention: props.backupRetention ?? Duration.days(14),
      bootstrapTimeout: props.bootstrapTimeout ?? Duration.minutes(30),
      rootVolumeSize: props.rootVolumeSize ?? Size.gibibytes(20),
      rootDeviceName: props.rootDeviceName ?? '/dev/xvda',
      agentMetricsNamespace: this.agentMetricsNamespace,
      cpuCredits: props.cpuCredits,
      dataVolumeSnapshotId: props.dataVolumeSnapshotId,
    };
    validateDataHostLimits(this, limits);
    assertArchitecture(this, props.machineImage, this.instanceType);
    const archive = new ContinuousArchive(this, 'Archive', {
      ...props.continuousArchive, encryptionKey: props.encryptionKey, defaultStanza: name, postgresVersion, restore: props.restore,
    });
    this.backupRepository = archive.repository;
    const subnet = selectHostSubnet(this, props.vpc, props.vpcSubnets);

    const secrets = new HostSecrets(this, {
      name,
      applicationUser: this.applicationUser,
      encryptionKey: props.encryptionKey,
      removalPolicy: props.secretsRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.superuserSecret = secrets.superuser;
    this.applicationSecret = secrets.application;
    this.valkeySecret = secrets.valkey;

    this.logGroup = new logs.LogGroup(this, 'PostgresLog', {
      logGroupName: `/aws/ec2/${name}/data-host/postgresql`,
      encryptionKey: props.encryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: props.logGroupRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.securityGroup = createHostSecurityGroup(this, props.vpc, name);
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup], defaultPort: ec2.Port.tcp(POSTGRES_PORT) });

    const volume = new DataVolume(this, {
      name,
      availabilityZone: subnet.availabilityZone,
      size: limits.dataVolumeSize,
      iops: limits.dataVolumeIops,
      throughput: limits.dataVolumeThroughput,
      encryptionKey: props.encryptionKey,
      snapshotId: props.dataVolumeSnapshotId,
      removalPolicy: limits.dataVolumeRemovalPolicy,
    });
    this.dataVolume = volume.volume;

    const role = createHostRole(this, name);
    this.role = role;
    const signal = new CfnWaitCondition(this, 'Bootstrapped', {});
    signal.cfnOptions.creationPolicy = { resourceSignal: { count: 1, timeout: limits.bootstrapTimeout.toIsoString() } };
    const state = new HostStateParameters(this, name);
    this.caCertificate = state.caCertificate;

    const files = new BootstrapFiles(this, 'Bootstrap', {
      postgresVersion,
      maxConnections: this.maxConnections,
      clientCidrs,
      dataRoot: DATA_MOUNT_PATH,
      applicationUser: this.applicationUser,
      applicationDatabase: this.applicationDatabase,
      superuserSecretArn: this.superuserSecret.secretArn,
      applicationSecretArn: this.applicationSecret.secretArn,
      valkeySecretArn: this.valkeySecret.secretArn,
      valkeyPort: VALKEY_PORT,
      dataVolumeId: this.dataVolume.volumeId,
      dataDeviceName: DATA_DEVICE_NAME,
      metricsNamespace: this.agentMetricsNamespace,
      logGroupName: this.logGroup.logGroupName,
      region: Aws.REGION,
      signalStack: Aws.STACK_NAME,
      signalResource: Stack.of(this).getLogicalId(signal),
      initMarkerParameter: state.initMarker.parameterName,
      caCertificateParameter: state.caCertificate.parameterName,
      timescaledbVersion: TIMESCALEDB_VERSION,
      timescaledbKeyFingerprints: TIMESCALEDB_KEY_FINGERPRINTS,
      archiveSettings: archive.bootstrapSettings,
    });
    archive.grant(role);
    this.bootstrapCommands = files.commands;
    grantHostPermissions(role, {
      secrets: secrets.all, files, state, logGroup: this.logGroup, metricsNamespace: this.agentMetricsNamespace,
    });

    const userData = ec2.UserData.forLinux();
    userData.addCommands(...files.commands);
    this.instance = new ec2.Instance(this, 'Instance', {
      vpc: props.vpc,
      vpcSubnets: { subnets: [subnet] },
      instanceType: this.instanceType,
      machineImage: props.machineImage,
      securityGroup: this.securityGroup,
      role,
      userData,
      // User data only names the configuration parameter; a change stops and starts, never replaces.
      userDataCausesReplacement: false,
      blockDevices: [{
        deviceName: limits.rootDeviceName,
        volume: ec2.BlockDeviceVolume.ebs(limits.rootVolumeSize.toGibibytes(), {
          volumeType: ec2.EbsDeviceVolumeType.GP3, encrypted: true, kmsKey: props.encryptionKey, deleteOnTermination: true,
        }),
      }],
      httpTokens: ec2.HttpTokens.REQUIRED,
      httpPutResponseHopLimit: 2,
      httpEndpoint: true,
      detailedMonitoring: true,
      disableApiTermination: props.terminationProtection ?? true,
      creditSpecification: props.cpuCredits,
      ebsOptimized: this.instanceType.toString().startsWith('t2.') ? undefined : true,
      propagateTagsToVolumeOnCreation: true,
      instanceName: `${name}-data-host`,
    });
    this.instanceId = this.instance.instanceId;
    this.endpointAddress = this.instance.instancePrivateDnsName;
    this.postgresConnectionsMetric = this.metricConnections();
    this.walArchiveAgeMetric = archiveAgeMetric(this, this.agentMetricsNamespace, this.instanceId, WAL_ARCHIVE_AGE_METRIC);
    this.lastBackupAgeMetric = archiveAgeMetric(this, this.agentMetricsNamespace, this.instanceId, LAST_BACKUP_AGE_METRIC);
    signal.addDependency(volume.attachTo(this.instance));

    this.backupPlan = new DataVolumeBackup(this, 'Backup', {
      volume: this.dataVolume, retention: limits.backupRetention, vault: props.backupVault,
    }).plan;
    this.statusCheckAlarm = createRecoveryAlarm(this, name, this.instance.instanceId);
  }

  /** Opens PostgreSQL and Valkey to a peer. */
  public allowFrom(peer: ec2.IConnectable): void {
    this.connections.allowFrom(peer, ec2.Port.tcp(POSTGRES_PORT), 'PostgreSQL');
    this.connections.allowFrom(peer, ec2.Port.tcp(VALKEY_PORT), 'Valkey');
  }

  /** Lets a grantee read the application role's secret (and decrypt it with its key), e.g. a task role. */
  public grantReadApplicationSecret(grantee: iam.IGrantable): iam.Grant {
    return this.applicationSecret.grantRead(grantee);
  }

  /**
   * PostgreSQL client connections (`pg_stat_activity`, client backends), which
   * the bootstrap's `data-host-pg-metrics` timer publishes every minute as
   * `postgresql_connections` by `InstanceId` in the agent's namespace.
   * The maximum over one minute unless `props` say otherwise.
   */
  public metricConnections(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.agentMetricsNamespace,
      metricName: 'postgresql_connections',
      dimensionsMap: { InstanceId: this.instanceId },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.minutes(1),
      ...props,
    }).attachTo(this);
  }

  /** Where a service finds PostgreSQL and Valkey on this host (TLS on both), and the secrets that unlock them. */
  public dataStoreEndpoints(): DataStoreEndpoints {
    return {
      postgresHost: this.endpointAddress,
      postgresPort: POSTGRES_PORT,
      postgresUser: this.applicationUser,
      postgresDatabase: this.applicationDatabase,
      postgresPassword: this.applicationSecret,
      postgresPasswordField: PASSWORD_FIELD,
      postgresSslMode: 'verify-full',
      postgresCaCertificate: this.caCertificate,
      redisHost: this.endpointAddress,
      redisPort: VALKEY_PORT,
      redisPassword: this.valkeySecret,
      redisPasswordField: PASSWORD_FIELD,
      redisTls: true,
      redisClusterMode: false,
    };
  }
}
