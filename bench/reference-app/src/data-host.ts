/**
 * Staging's data tier: PostgreSQL + TimescaleDB and Valkey on one EC2 host,
 * its data on a separate encrypted volume (daily AWS Backup snapshots),
 * WAL archive and backups in S3 through pgBackRest.
 */
import * as path from 'node:path';
import { CfnWaitCondition, Duration, RemovalPolicy, Size, Stack, Tags } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3_assets from 'aws-cdk-lib/aws-s3-assets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { DataTier, dataStoreEnvironment } from './data-tier';
import { ManagedPolicyRole } from './security';

export interface DataHostProps {
  readonly prefix: string;
  readonly vpc: ec2.IVpc;
  readonly key: kms.IKey;
  readonly instanceType: string;
  readonly amiId: string;
  readonly dataVolumeGiB: number;
  /** Who may connect to PostgreSQL (pg_hba). */
  readonly clientCidr: string;
}

const DEVICE = '/dev/sdf';

export class DataHost extends Construct implements DataTier {
  public readonly instance: ec2.Instance;
  public readonly environment: Record<string, string>;
  public readonly secrets: Record<string, ecs.Secret>;
  private readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: DataHostProps) {
    super(scope, id);
    const { prefix, vpc, key } = props;
    const stack = Stack.of(this);
    const stanza = prefix;

    const archive = new s3.Bucket(this, 'ArchiveBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      // pgBackRest expires backups itself; old versions only cover its retention window.
      lifecycleRules: [{
        id: 'RetentionWindow',
        abortIncompleteMultipartUploadAfter: Duration.days(1),
        expiredObjectDeleteMarker: true,
        noncurrentVersionExpiration: Duration.days(14),
      }],
    });
    const secret = (secretId: string, what: string, username: string) => new secretsmanager.Secret(this, secretId, {
      description: `${prefix} ${what}`,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username }), generateStringKey: 'password', passwordLength: 32, excludePunctuation: true,
      },
    });
    const superuser = secret('SuperuserSecret', 'PostgreSQL superuser', 'postgres');
    const application = secret('ApplicationSecret', 'PostgreSQL application role', 'tracker');
    const valkey = secret('ValkeySecret', 'Valkey password', 'default');
    const postgresLog = new logs.LogGroup(this, 'PostgresLog', {
      logGroupName: `/aws/ec2/${prefix}/data-host/postgresql`,
      retention: logs.RetentionDays.THREE_MONTHS,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: `${prefix} data host: PostgreSQL and Valkey from allowed peers; HTTPS/HTTP out for packages and SSM`,
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS: SSM, Secrets Manager, S3, CloudWatch, package repositories');
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP: Debian package mirrors');

    // The data outlives the host: replacing the instance re-attaches this volume.
    const subnet = vpc.privateSubnets[0];
    const volume = new ec2.Volume(this, 'DataVolume', {
      availabilityZone: subnet.availabilityZone,
      size: Size.gibibytes(props.dataVolumeGiB),
      volumeType: ec2.EbsDeviceVolumeType.GP3,
      iops: 3000,
      throughput: 125,
      encrypted: true,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.SNAPSHOT,
    });
    Tags.of(volume).add('Name', `${prefix}-data-host-postgresql`);

    const role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: `${prefix} data host instance role`,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    // The bootstrap signals this once PostgreSQL and Valkey answer; the stack waits for it.
    const bootstrapped = new CfnWaitCondition(this, 'Bootstrapped', {});
    bootstrapped.cfnOptions.creationPolicy = { resourceSignal: { count: 1, timeout: 'PT30M' } };
    const initMarker = new ssm.StringParameter(this, 'InitMarker', {
      description: `${prefix} data host: the data volume its database was initialised on (written by the bootstrap)`,
      stringValue: 'none',
    });
    const caCertificate = new ssm.StringParameter(this, 'CaCertificate', {
      description: `${prefix} data host: TLS CA certificate (PEM) of PostgreSQL and Valkey (written by the bootstrap)`,
      stringValue: 'pending: the bootstrap publishes the host CA certificate here',
      tier: ssm.ParameterTier.STANDARD,
    });
    const script = new s3_assets.Asset(this, 'BootstrapScript', { path: path.join(__dirname, '..', 'src', 'data-host-bootstrap.sh') });
    const config = new ssm.StringParameter(this, 'BootstrapConfig', {
      description: 'Data host bootstrap configuration (no secret values)',
      stringValue: [
        'PG_VERSION=16', 'PG_MAX_CONNECTIONS=100', `PG_CLIENT_CIDRS=${props.clientCidr}`, 'PG_DATA_ROOT=/var/lib/postgresql',
        'APP_USER=tracker', 'APP_DATABASE=tracker', `SUPERUSER_SECRET_ID=${superuser.secretArn}`, `APP_SECRET_ID=${application.secretArn}`,
        `VALKEY_SECRET_ID=${valkey.secretArn}`, 'VALKEY_PORT=6379', `DATA_VOLUME_ID=${volume.volumeId}`, `DATA_DEVICE_NAME=${DEVICE}`,
        'METRICS_NAMESPACE=CWAgent', `LOG_GROUP_NAME=${postgresLog.logGroupName}`, `REGION=${stack.region}`, `SIGNAL_STACK=${stack.stackName}`,
        `SIGNAL_RESOURCE=${stack.getLogicalId(bootstrapped)}`, `INIT_MARKER_PARAMETER=${initMarker.parameterName}`,
        `CA_PARAMETER=${caCertificate.parameterName}`, 'TIMESCALEDB_VERSION=2.17.2',
        'TIMESCALEDB_KEY_FINGERPRINTS=1005FB68604CE9B8F6879CF759F18EDF47F24417,0641009A8366FDE4444A7B62E7391C94080429FF',
        `PGBACKREST_STANZA=${stanza}`, 'PGBACKREST_OPTION_repo1-type=s3', 'PGBACKREST_OPTION_repo1-path=/pgbackrest',
        `PGBACKREST_OPTION_repo1-s3-bucket=${archive.bucketName}`, `PGBACKREST_OPTION_repo1-s3-region=${stack.region}`,
        `PGBACKREST_OPTION_repo1-s3-endpoint=s3.${stack.region}.${stack.urlSuffix}`, 'PGBACKREST_OPTION_repo1-s3-key-type=auto',
        `PGBACKREST_OPTION_repo1-s3-kms-key-id=${key.keyArn}`, 'PGBACKREST_OPTION_repo1-bundle=y',
        'PGBACKREST_OPTION_repo1-retention-full-type=time', 'PGBACKREST_OPTION_repo1-retention-full=14', `BOOTSTRAP_SCRIPT_URL=${script.s3ObjectUrl}`,
      ].join('\n'),
    });

    // pgBackRest: its own stanza's prefixes of the archive bucket only.
    const prefixes = [`pgbackrest/archive/${stanza}/*`, `pgbackrest/backup/${stanza}/*`];
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:ListBucket'], resources: [archive.bucketArn], conditions: { StringLike: { 's3:prefix': prefixes } },
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:ListBucket'], resources: [archive.bucketArn],
      conditions: { StringEquals: { 's3:prefix': ['pgbackrest/archive/', 'pgbackrest/backup/'], 's3:delimiter': '/' } },
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: prefixes.map((p) => archive.arnForObjects(p)),
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.${stack.urlSuffix}` } },
    }));
    for (const s of [superuser, application, valkey]) s.grantRead(role);
    for (const p of [config, initMarker, caCertificate]) p.grantRead(role);
    for (const p of [initMarker, caCertificate]) p.grantWrite(role);
    script.grantRead(role);
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['cloudformation:SignalResource'], resources: [stack.stackId] }));
    postgresLog.grantWrite(role);
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringEquals: { 'cloudwatch:namespace': 'CWAgent' } },
    }));

    // User data only fetches the configuration and the script; a failure signals the wait condition at once.
    const userData = ec2.UserData.forLinux();
    const signal = `aws cloudformation signal-resource --region ${stack.region} --stack-name ${stack.stackName} --logical-resource-id ${stack.getLogicalId(bootstrapped)}`;
    userData.addCommands(
      'set -euo pipefail',
      `trap '${signal} --status FAILURE --unique-id "$(cat /var/lib/cloud/data/instance-id 2>/dev/null || echo bootstrap)" || true' ERR`,
      'export DEBIAN_FRONTEND=noninteractive',
      'command -v aws >/dev/null || { apt-get update -qq && apt-get install -y -qq awscli; }',
      'install -d -m 0700 /etc/data-host',
      `aws ssm get-parameter --region ${stack.region} --name ${config.parameterName} --query Parameter.Value --output text > /etc/data-host/config`,
      `aws s3 cp --region ${stack.region} --only-show-errors "$(sed -n 's/^BOOTSTRAP_SCRIPT_URL=//p' /etc/data-host/config)" /usr/local/sbin/data-host-bootstrap`,
      'chmod 0700 /usr/local/sbin/data-host-bootstrap',
      '/usr/local/sbin/data-host-bootstrap /etc/data-host/config',
    );
    this.instance = new ec2.Instance(this, 'Instance', {
      vpc,
      vpcSubnets: { subnets: [subnet] },
      availabilityZone: subnet.availabilityZone,
      instanceType: new ec2.InstanceType(props.instanceType),
      machineImage: ec2.MachineImage.genericLinux({ [stack.region]: props.amiId }),
      instanceName: `${prefix}-data-host`,
      securityGroup: this.securityGroup,
      role,
      userData,
      blockDevices: [{
        deviceName: '/dev/xvda',
        volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true, kmsKey: key, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true }),
      }],
      disableApiTermination: true,
      ebsOptimized: true,
      detailedMonitoring: true,
      propagateTagsToVolumeOnCreation: true,
      httpEndpoint: true,
      httpTokens: ec2.HttpTokens.REQUIRED,
      httpPutResponseHopLimit: 2,
    });
    const attachment = new ec2.CfnVolumeAttachment(this, 'DataVolumeAttachment', {
      instanceId: this.instance.instanceId, volumeId: volume.volumeId, device: DEVICE,
    });
    bootstrapped.addDependency(attachment);

    // Daily snapshots of the data volume, two weeks.
    const vault = new backup.BackupVault(this, 'BackupVault', { removalPolicy: RemovalPolicy.RETAIN });
    const plan = new backup.BackupPlan(this, 'BackupPlan', {
      backupVault: vault,
      backupPlanRules: [new backup.BackupPlanRule({
        ruleName: 'DailyDataVolume',
        scheduleExpression: events.Schedule.cron({ minute: '0', hour: '3' }),
        deleteAfter: Duration.days(14),
      })],
    });
    plan.addSelection('DataVolume', {
      resources: [backup.BackupResource.fromArn(stack.formatArn({ service: 'ec2', resource: 'volume', resourceName: volume.volumeId }))],
    });

    // A failed system check: EC2 recovers the host onto healthy hardware, same volume and address.
    new cloudwatch.Alarm(this, 'SystemStatusCheckAlarm', {
      alarmDescription: `${prefix} data host failed its system status check: EC2 recovers it onto healthy hardware`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/EC2', metricName: 'StatusCheckFailed_System', dimensionsMap: { InstanceId: this.instance.instanceId },
        statistic: 'Maximum', period: Duration.minutes(1),
      }),
      threshold: 1,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
    }).addAlarmAction(new cw_actions.Ec2Action(cw_actions.Ec2InstanceAction.RECOVER));

    const host = this.instance.instancePrivateDnsName;
    this.environment = dataStoreEnvironment(host, host);
    this.secrets = {
      POSTGRES_PASSWORD: ecs.Secret.fromSecretsManager(application, 'password'),
      REDIS_PASSWORD: ecs.Secret.fromSecretsManager(valkey, 'password'),
    };
  }

  public allowFrom(securityGroup: ec2.SecurityGroup): void {
    securityGroup.connections.allowTo(this.securityGroup, ec2.Port.tcp(5432), 'PostgreSQL');
    securityGroup.connections.allowTo(this.securityGroup, ec2.Port.tcp(6379), 'Redis');
  }
}
