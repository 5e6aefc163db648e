/** One environment: key, network, edge, data tier, cluster, services, alarms and dashboard. */
import { RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { Alarms } from './alarms';
import { EnvironmentConfig, PROJECT } from './config';
import { buildDashboard } from './dashboard';
import { DataHost } from './data-host';
import { DataTier, PeeredDataTier } from './data-tier';
import { Edge } from './edge';
import { Network } from './network';
import { projectKey } from './security';
import { WebTier } from './web-tier';
import { ANISETTE_SERVER, Workers } from './workers';

export interface ReferenceStackProps extends StackProps {
  readonly config: EnvironmentConfig;
}

export class ReferenceStack extends Stack {
  constructor(scope: Construct, id: string, props: ReferenceStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prefix = `${PROJECT}-${config.environment}`;
    const key = projectKey(this, prefix);
    const { vpc } = new Network(this, 'Network', {
      prefix, cidr: config.vpcCidr, natGateways: config.natGateways, key, interfaceEndpoints: config.vpcEndpoints,
    });
    const edge = new Edge(this, 'Edge', { prefix, hostname: config.hostname, vpc, key, wafRateLimit: config.wafRateLimit });

    let dataTier: DataTier;
    let secretKey: secretsmanager.ISecret;
    let dataHost: DataHost | undefined;
    if (config.dataHost) {
      dataHost = new DataHost(this, 'DataHost', { prefix, vpc, key, ...config.dataHost, clientCidr: config.vpcCidr });
      dataTier = dataHost;
      // Rotating it invalidates every session: rotated by a planned release, not on a schedule.
      secretKey = new secretsmanager.Secret(this, 'SecretKey', {
        secretName: `${PROJECT}/${config.environment}/secret_key`,
        description: 'Tracker API signing/JWT key (SECRET_KEY)',
        encryptionKey: key,
        removalPolicy: RemovalPolicy.RETAIN,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
      });
    } else {
      const peered = new PeeredDataTier(this, 'Peering', { vpc, vpcCidr: config.vpcCidr, existing: config.peeredData! });
      dataTier = peered;
      secretKey = peered.secretKey;
    }

    // ECS Exec sessions are encrypted with the project key and logged.
    const execLogs = new logs.LogGroup(this, 'ClusterExecLogGroup', {
      logGroupName: `/aws/ecs/${prefix}/execute-command`,
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      clusterName: prefix,
      containerInsightsV2: ecs.ContainerInsights.ENHANCED,
      enableFargateCapacityProviders: true,
      executeCommandConfiguration: {
        kmsKey: key,
        logging: ecs.ExecuteCommandLogging.OVERRIDE,
        logConfiguration: { cloudWatchLogGroup: execLogs, cloudWatchEncryptionEnabled: true },
      },
    });

    const secrets = { ...dataTier.secrets, SECRET_KEY: ecs.Secret.fromSecretsManager(secretKey) };
    const web = new WebTier(this, {
      prefix, config, cluster, key, listener: edge.httpsListener,
      apiEnvironment: { ...dataTier.environment, ANISETTE_SERVER },
      apiSecrets: secrets,
    });
    const workers = new Workers(this, {
      prefix, config, cluster, key, environment: dataTier.environment, secrets, anisetteClients: [web.api],
    });
    for (const service of [web.api, workers.worker, workers.fetcher]) dataTier.allowFrom(service.securityGroup);

    const services = [web.api, web.admin, web.frontend, workers.worker, workers.fetcher, workers.anisette];
    const alarms = new Alarms(this, 'Alarms', {
      prefix,
      dashboardName: prefix,
      loadBalancer: edge.loadBalancer,
      targetGroups: web.targetGroups,
      services,
      dataHost: dataHost?.instance,
      compositeAlarm: config.compositeAlarm,
    });
    buildDashboard(this, {
      prefix,
      dashboardName: prefix,
      alarms: alarms.all,
      loadBalancer: edge.loadBalancer,
      targetGroups: web.targetGroups,
      services,
      dataHost: dataHost?.instance,
    });
  }
}
