import { Aws, CfnWaitCondition, Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { IBackupRepository } from './backup-repository';
import { BootstrapFiles } from './bootstrap-files';
import { ContinuousArchive } from './continuous-archive';
import { archiveAgeMetric, LAST_BACKUP_AGE_METRIC, WAL_ARCHIVE_AGE_METRIC } from './continuous-archive-metrics';
import { ContinuousArchiveOptions } from './continuous-archive-options';
import { DataVolumeBackup } from './data-volume-backup';
import { countIngressRules } from './ingress-rules';
import { RestoreSource } from './restore-source';
import { assertArchitecture, validateDataHostLimits } from './validate-props';
import { IMonitoredHost } from '../alarms/monitored-host';
import { acknowledgeFinding } from '../internal/acknowledge-finding';
import { ManagedPolicyRole } from '../internal/managed-policy-role';
import { iam5ResourceFinding } from '../internal/nag-findings';
import { qualifiedName } from '../internal/names';
import { DataStoreEndpoints } from '../service/data-store-endpoints';

/** Properties of a `TimescaleDataHost`. */
export interface TimescaleDataHostProps {
  /** The VPC of the host. */
  readonly vpc: ec2.IVpc;
  /**
   * Subnets to place the host in; it goes into the first one (its data volume lives in that subnet's AZ).
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
   * PostgreSQL major version: 15, 16 or 17.
   * @default 16
   */
  readonly postgresVersion?: number;
  /**
   * PostgreSQL `max_connections`, 20 to 5000.
   * @default 100
   */
  readonly maxConnections?: number;
  /**
   * The application's PostgreSQL role.
   * @default 'tracker'
   */
  readonly applicationUser?: string;
  /**
   * The application's database, owned by `applicationUser`.
   * @default 'tracker'
   */
  readonly applicationDatabase?: string;
  /**
   * IPv4 ranges `pg_hba.conf` admits (scram-sha-256, application role and database only).
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

const POSTGRES_PORT = 5432;
const VALKEY_PORT = 6379;
const DATA_MOUNT_PATH = '/var/lib/postgresql';
const DATA_DEVICE_NAME = '/dev/sdf';
const PASSWORD_FIELD = 'password';

/**
 * One EC2 instance running PostgreSQL + TimescaleDB + PostGIS and Valkey
 * (seed 001's database host), made safe: a pinned Debian image, data on a
 * separate encrypted gp3 volume that outlives the instance, user data that
 * never replaces the instance, generated secrets, an idempotent bootstrap
 * script (S3 asset) that signals CloudFormation, IMDSv2, SSM instead of SSH,
 * termination protection, daily snapshots and EC2 auto-recovery.
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
  /** Private DNS name of the host: the PostgreSQL and Valkey endpoint. */
  public readonly endpointAddress: string;
  /** PostgreSQL's port. */
  public readonly postgresPort: number = POSTGRES_PORT;
  /** Valkey's port. */
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
    this.applicationUser = props.applicationUser ?? 'tracker';
    this.applicationDatabase = props.applicationDatabase ?? 'tracker';
    this.agentMetricsNamespace = props.agentMetricsNamespace ?? 'CWAgent';
    const postgresVersion = props.postgresVersion ?? 16;
    const maxConnections = props.maxConnections ?? 100;
    this.maxConnections = maxConnections;
    this.postgresMaxConnections = maxConnections;
    const clientCidrs = props.clientCidrs ?? [props.vpc.vpcCidrBlock];
    const dataVolumeSize = props.dataVolumeSize ?? Size.gibibytes(50);
    const backupRetention = props.backupRetention ?? Duration.days(14);
    const bootstrapTimeout = props.bootstrapTimeout ?? Duration.minutes(30);
    const limits = {
      instanceType: this.instanceType,
      dataVolumeSize,
      dataVolumeIops: props.dataVolumeIops ?? 3000,
      dataVolumeThroughput: props.dataVolumeThroughput ?? 125,
      dataVolumeRemovalPolicy: props.dataVolumeRemovalPolicy ?? RemovalPolicy.SNAPSHOT,
      postgresVersion,
      maxConnections,
      applicationUser: this.applicationUser,
      applicationDatabase: this.applicationDatabase,
      clientCidrs,
      backupRetention,
      bootstrapTimeout,
    };
    validateDataHostLimits(this, limits);
    assertArchitecture(this, props.machineImage, this.instanceType);
    const archive = new ContinuousArchive(this, 'Archive', {
      ...props.continuousArchive, encryptionKey: props.encryptionKey, defaultStanza: name, postgresVersion, restore: props.restore,
    });
    this.backupRepository = archive.repository;

    const subnet = props.vpc.selectSubnets(props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnets[0];

    this.superuserSecret = this.generatedSecret('SuperuserSecret', 'postgres', `${name} PostgreSQL superuser`, props.encryptionKey);
    this.applicationSecret = this.generatedSecret('ApplicationSecret', this.applicationUser, `${name} PostgreSQL application role`, props.encryptionKey);
    this.valkeySecret = this.generatedSecret('ValkeySecret', 'default', `${name} Valkey password`, props.encryptionKey);

    this.logGroup = new logs.LogGroup(this, 'PostgresLog', {
      logGroupName: `/aws/ec2/${name}/data-host/postgresql`,
      encryptionKey: props.encryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `${name} data host: PostgreSQL and Valkey from allowed peers; HTTPS/HTTP out for packages and SSM`,
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS: SSM, Secrets Manager, S3, CloudWatch, package repositories');
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP: Debian package mirrors');
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup], defaultPort: ec2.Port.tcp(POSTGRES_PORT) });
    this.node.addValidation({
      validate: () => countIngressRules(this.securityGroup) > 0 ? [] : [
        `${this.node.path}: no peer may reach the data host. Call allowFrom(service) or connections.allowDefaultPortFrom(service).`,
      ],
    });

    this.dataVolume = new ec2.Volume(this, 'DataVolume', {
      availabilityZone: subnet.availabilityZone,
      size: dataVolumeSize,
      volumeType: ec2.EbsDeviceVolumeType.GP3,
      iops: limits.dataVolumeIops,
      throughput: limits.dataVolumeThroughput,
      encrypted: true,
      encryptionKey: props.encryptionKey,
      snapshotId: props.dataVolumeSnapshotId,
      removalPolicy: limits.dataVolumeRemovalPolicy,
      volumeName: `${name}-data-host-postgresql`,
    });

    const role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: `${name} data host instance role`,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    this.role = role;
    acknowledgeFinding(role, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
      'The SSM agent\'s own permissions (Session Manager and Run Command instead of SSH), maintained by AWS as the agent changes.');

    const signal = new CfnWaitCondition(this, 'Bootstrapped', {});
    signal.cfnOptions.creationPolicy = { resourceSignal: { count: 1, timeout: bootstrapTimeout.toIsoString() } };

    const files = new BootstrapFiles(this, 'Bootstrap', {
      PG_VERSION: String(postgresVersion),
      PG_MAX_CONNECTIONS: String(maxConnections),
      PG_CLIENT_CIDRS: clientCidrs.join(','),
      PG_DATA_ROOT: DATA_MOUNT_PATH,
      APP_USER: this.applicationUser,
      APP_DATABASE: this.applicationDatabase,
      SUPERUSER_SECRET_ID: this.superuserSecret.secretArn,
      APP_SECRET_ID: this.applicationSecret.secretArn,
      VALKEY_SECRET_ID: this.valkeySecret.secretArn,
      VALKEY_PORT: String(VALKEY_PORT),
      DATA_VOLUME_ID: this.dataVolume.volumeId,
      DATA_DEVICE_NAME,
      METRICS_NAMESPACE: this.agentMetricsNamespace,
      LOG_GROUP_NAME: this.logGroup.logGroupName,
      REGION: Aws.REGION,
      SIGNAL_STACK: Aws.STACK_NAME,
      SIGNAL_RESOURCE: Stack.of(this).getLogicalId(signal),
      ...archive.bootstrapSettings,
    });
    archive.grant(role);
    this.bootstrapCommands = files.commands;
    this.grantHostPermissions(role, files);

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
        deviceName: props.rootDeviceName ?? '/dev/xvda',
        volume: ec2.BlockDeviceVolume.ebs((props.rootVolumeSize ?? Size.gibibytes(20)).toGibibytes(), {
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

    // Attached after the instance runs: the bootstrap waits for the device,
    // then signals the wait condition (an instance CreationPolicy would deadlock).
    const attachment = new ec2.CfnVolumeAttachment(this, 'DataVolumeAttachment', {
      instanceId: this.instance.instanceId,
      volumeId: this.dataVolume.volumeId,
      device: DATA_DEVICE_NAME,
    });
    signal.addDependency(attachment);

    this.backupPlan = new DataVolumeBackup(this, 'Backup', {
      volume: this.dataVolume, retention: backupRetention, vault: props.backupVault,
    }).plan;

    this.statusCheckAlarm = new cloudwatch.Alarm(this, 'SystemStatusCheckAlarm', {
      alarmDescription: `${name} data host failed its system status check: EC2 recovers it onto healthy hardware`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/EC2',
        metricName: 'StatusCheckFailed_System',
        dimensionsMap: { InstanceId: this.instance.instanceId },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(1),
      }),
      threshold: 1,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
    });
    this.statusCheckAlarm.addAlarmAction(new cw_actions.Ec2Action(cw_actions.Ec2InstanceAction.RECOVER));
  }

  /** Opens PostgreSQL and Valkey to a peer. */
  public allowFrom(peer: ec2.IConnectable): void {
    this.connections.allowFrom(peer, ec2.Port.tcp(POSTGRES_PORT), 'PostgreSQL');
    this.connections.allowFrom(peer, ec2.Port.tcp(VALKEY_PORT), 'Valkey');
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

  /** Where a service finds PostgreSQL and Valkey on this host, and the secrets that unlock them. */
  public dataStoreEndpoints(): DataStoreEndpoints {
    return {
      postgresHost: this.endpointAddress,
      postgresPort: POSTGRES_PORT,
      postgresUser: this.applicationUser,
      postgresDatabase: this.applicationDatabase,
      postgresPassword: this.applicationSecret,
      postgresPasswordField: PASSWORD_FIELD,
      redisHost: this.endpointAddress,
      redisPort: VALKEY_PORT,
      redisPassword: this.valkeySecret,
      redisPasswordField: PASSWORD_FIELD,
      redisTls: false,
      redisClusterMode: false,
    };
  }

  /** Letters and digits only: safe in SQL, Valkey's configuration and connection URLs. */
  private generatedSecret(id: string, username: string, description: string, key: kms.IKey): secretsmanager.Secret {
    const secret = new secretsmanager.Secret(this, id, {
      description,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username }),
        generateStringKey: PASSWORD_FIELD,
        passwordLength: 32,
        excludePunctuation: true,
      },
    });
    const reason = 'The password lives inside the self-managed PostgreSQL/Valkey on the host; rotating it needs a rotation '
      + 'function that also changes it there. Re-running the bootstrap after changing the secret applies a new value.';
    for (const rule of ['AwsSolutions-SMG4', 'HIPAA.Security-SecretsManagerRotationEnabled', 'NIST.800.53.R5-SecretsManagerRotationEnabled']) {
      acknowledgeFinding(secret, rule, reason);
    }
    return secret;
  }

  /** Exactly what the bootstrap and the agents use, and nothing else. */
  private grantHostPermissions(role: ManagedPolicyRole, files: BootstrapFiles): void {
    for (const secret of [this.superuserSecret, this.applicationSecret, this.valkeySecret]) {
      secret.grantRead(role);
    }
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ssm:GetParameter'], resources: [files.config.parameterArn],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'], resources: [files.script.bucket.arnForObjects(files.script.s3ObjectKey)],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['cloudformation:SignalResource'], resources: [Aws.STACK_ID],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], resources: [this.logGroup.logGroupArn],
    }));
    const metrics = new iam.PolicyStatement({
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': this.agentMetricsNamespace } },
    });
    role.addToPrincipalPolicy(metrics);
    acknowledgeFinding(role.node.findChild('Policy'), iam5ResourceFinding(role, '*'),
      'cloudwatch:PutMetricData has no resource-level permissions; the statement is limited to the agent\'s namespace by condition.');
  }
}
