/**
 * The bench's yardstick: a plain aws-cdk-lib app, written by hand with no
 * library constructs and no compliance packs, deploying what the Tracker app
 * deploys per environment (VPC with flow logs and endpoints, KMS key, ALB with
 * WAF and access logs, six Fargate services with their roles, logs and
 * alarms, EFS, Cloud Map, the data host with its volume and backups, a
 * dashboard). `npm run bench` compares the apps' `cdk synth`/`cdk diff`
 * against this app's, run the same way through the same CLI.
 */
import { App, RemovalPolicy, Size, Stack, StackProps } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

const WEB = [
  { name: 'api', port: 8000, path: '/api/*' },
  { name: 'frontend', port: 3000, path: '/*' },
  { name: 'docs', port: 8080, path: '/docs/*' },
];
const WORKERS = ['fetcher', 'anisette', 'scheduler'];

class ReferenceStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { readonly natGateways: number }) {
    super(scope, id, props);
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true, alias: `alias/${id}` });
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: props.natGateways,
      flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(this, 'FlowLogs', { encryptionKey: key })) } },
      restrictDefaultSecurityGroup: true,
    });
    vpc.addInterfaceEndpoint('SecretsEndpoint', { service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER });
    const topic = new sns.Topic(this, 'Alarms', { masterKey: key });

    const accessLogs = new s3.Bucket(this, 'AccessLogs', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, removalPolicy: RemovalPolicy.RETAIN });
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true });
    alb.logAccessLogs(accessLogs);
    const certificate = new acm.Certificate(this, 'Certificate', { domainName: `${id.toLowerCase()}.example.com` });
    const https = alb.addListener('Https', { port: 443, certificates: [certificate], defaultAction: elbv2.ListenerAction.fixedResponse(404) });
    alb.addRedirect();
    const acl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: id, sampledRequestsEnabled: true },
      rules: [{
        name: 'Common', priority: 0, overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'Common', sampledRequestsEnabled: true },
      }],
    });
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', { resourceArn: alb.loadBalancerArn, webAclArn: acl.attrArn });
    const wafLogs = new logs.LogGroup(this, 'WafLogs', { logGroupName: `aws-waf-logs-${id}`, encryptionKey: key });
    new wafv2.CfnLoggingConfiguration(this, 'WafLogging', { resourceArn: acl.attrArn, logDestinationConfigs: [wafLogs.logGroupArn] });

    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, enableFargateCapacityProviders: true, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    const namespace = new servicediscovery.PrivateDnsNamespace(this, 'Namespace', { vpc, name: `${id.toLowerCase()}.internal` });
    const fileSystem = new efs.FileSystem(this, 'Files', { vpc, encrypted: true, kmsKey: key });
    const databaseSecret = new secretsmanager.Secret(this, 'DatabasePassword', { encryptionKey: key });
    const redisSecret = new secretsmanager.Secret(this, 'RedisPassword', { encryptionKey: key });

    const service = (name: string, port?: number) => {
      const taskDefinition = new ecs.FargateTaskDefinition(this, `${name}Task`, { cpu: 512, memoryLimitMiB: 1024 });
      taskDefinition.addContainer('app', {
        image: ecs.ContainerImage.fromRegistry(`123456789012.dkr.ecr.eu-west-2.amazonaws.com/tracker/${name}:4f3ebae`),
        logging: ecs.LogDrivers.awsLogs({ streamPrefix: name, logGroup: new logs.LogGroup(this, `${name}Logs`, { encryptionKey: key, retention: logs.RetentionDays.ONE_MONTH }) }),
        secrets: { DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(databaseSecret), REDIS_PASSWORD: ecs.Secret.fromSecretsManager(redisSecret) },
        portMappings: port ? [{ containerPort: port }] : [],
        healthCheck: { command: ['CMD-SHELL', 'exit 0'] },
      });
      const fargate = new ecs.FargateService(this, `${name}Service`, {
        cluster, taskDefinition, enableExecuteCommand: true, circuitBreaker: { rollback: true },
        cloudMapOptions: port ? undefined : { cloudMapNamespace: namespace, name },
      });
      fargate.autoScaleTaskCount({ minCapacity: 1, maxCapacity: 2 }).scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
      const runningTasks = new cloudwatch.Metric({
        namespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount',
        dimensionsMap: { ClusterName: cluster.clusterName, ServiceName: fargate.serviceName },
      });
      for (const [metric, threshold] of [[fargate.metricCpuUtilization(), 80], [fargate.metricMemoryUtilization(), 80], [runningTasks, 1]] as const) {
        metric.createAlarm(this, `${name}${metric.metricName}Alarm`, { threshold, evaluationPeriods: 3 })
          .addAlarmAction({ bind: () => ({ alarmActionArn: topic.topicArn }) });
      }
      return fargate;
    };
    WEB.forEach(({ name, port, path }, index) => {
      const fargate = service(name, port);
      const targetGroup = https.addTargets(name, { port, protocol: elbv2.ApplicationProtocol.HTTP, priority: index + 1, conditions: [elbv2.ListenerCondition.pathPatterns([path])], targets: [fargate] });
      targetGroup.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT).createAlarm(this, `${name}5xx`, { threshold: 5, evaluationPeriods: 1 });
      targetGroup.metrics.targetResponseTime({ statistic: 'p99' }).createAlarm(this, `${name}Latency`, { threshold: 2, evaluationPeriods: 3 });
    });
    for (const name of WORKERS) {
      const fargate = service(name);
      fileSystem.connections.allowDefaultPortFrom(fargate);
    }
    fileSystem.addAccessPoint('FetcherData', { path: '/fetcher' });
    fileSystem.addAccessPoint('AnisetteData', { path: '/anisette' });

    const host = new ec2.Instance(this, 'DataHost', {
      vpc, instanceType: new ec2.InstanceType('t3.large'), machineImage: ec2.MachineImage.genericLinux({ 'eu-west-2': 'ami-0123456789abcdef0' }),
      requireImdsv2: true, ssmSessionPermissions: true, disableApiTermination: true,
    });
    const volume = new ec2.Volume(this, 'DataVolume', {
      availabilityZone: host.instanceAvailabilityZone, size: Size.gibibytes(100), encrypted: true, encryptionKey: key,
      removalPolicy: RemovalPolicy.SNAPSHOT,
    });
    new ec2.CfnVolumeAttachment(this, 'DataVolumeAttachment', { instanceId: host.instanceId, volumeId: volume.volumeId, device: '/dev/sdf' });
    const plan = backup.BackupPlan.daily35DayRetention(this, 'Backups');
    plan.addSelection('DataVolume', { resources: [backup.BackupResource.fromArn(`arn:aws:ec2:${this.region}:${this.account}:volume/${volume.volumeId}`)] });
    new cloudwatch.Metric({ namespace: 'AWS/EC2', metricName: 'StatusCheckFailed', dimensionsMap: { InstanceId: host.instanceId } })
      .createAlarm(this, 'HostStatus', { threshold: 1, evaluationPeriods: 2 });
    alb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT).createAlarm(this, 'Alb5xx', { threshold: 10, evaluationPeriods: 1 });
    alb.metrics.targetResponseTime({ statistic: 'p99' }).createAlarm(this, 'AlbLatency', { threshold: 2, evaluationPeriods: 3 });
    alb.metrics.rejectedConnectionCount().createAlarm(this, 'AlbRejected', { threshold: 1, evaluationPeriods: 1 });
    new cloudwatch.Dashboard(this, 'Dashboard', { widgets: [[new cloudwatch.GraphWidget({ left: [alb.metrics.requestCount()] })]] });
    new logs.QueryDefinition(this, 'Errors', {
      queryDefinitionName: `${id}/errors`,
      queryString: new logs.QueryString({ filterStatements: ['@message like /ERROR/'] }),
    });
  }
}

const app = new App();
new ReferenceStack(app, 'ReferenceStaging', { env: { account: '111111111111', region: 'eu-west-2' }, natGateways: 1 });
new ReferenceStack(app, 'ReferenceProduction', { env: { account: '222222222222', region: 'eu-west-2' }, natGateways: 2 });
app.synth();
