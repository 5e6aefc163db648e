import {
  DebianBookwormImage, EfsMount, ExternalDnsCertificate, GlimpseCompliance, MonitoredEnvironment, ProjectKey, PublicLoadBalancer,
  ServiceAutoScalingOptions,
  ServiceDashboard, ServiceImage, ServiceLogQueries, StandardAlarms, StandardCluster, StandardVpc,
  StandardWebAcl, TimescaleDataHost, TrackerFargateService, TrackerServiceProps, TrackerWebService, TrackerWebServiceProps,
  TrackerWorkerService, TrackerWorkerServiceProps, VpcPeering,
} from '@glimpse/standard-constructs';
import { RemovalPolicy, Size, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ScalingConfig, SHARED_REGISTRY, TaskSize, TrackerEnvironmentConfig } from './config';
import { TRACKER_DATA_STORE_VARIABLES } from './data-store-variables';
import { DataTier, PeeredDataTier } from './peered-data-tier';
import { refusePlaceholders } from './placeholders';

export interface TrackerStackProps extends StackProps {
  readonly config: TrackerEnvironmentConfig;
}

/** What `TrackerStack.commonProps` fills in for every service. */
type CommonProps = 'cluster' | 'projectName' | 'environmentName' | 'serviceName' | 'image' | 'cpu' | 'memoryLimitMiB'
  | 'desiredCount' | 'autoScaling' | 'encryptionKey' | 'enableExecuteCommand';

const ANISETTE_PORT = 6969;
const ANISETTE_NAMESPACE = 'anisette-v3.local';
const ANISETTE_NAME = 'anisette-v3';

/**
 * One Tracker environment (the legacy deployment's eleven modules, docs/architecture.md): project key, VPC,
 * edge (certificate, WAF, ALB), cluster, the api/frontend/admin services,
 * TaskiQ workers and anisette, the data tier (a self-hosted data host, or
 * the existing production one through VPC peering), secrets and alarms.
 */
export class TrackerStack extends Stack {
  public readonly projectKey: ProjectKey;
  public readonly network: StandardVpc;
  public readonly edge: PublicLoadBalancer;
  public readonly services: Record<string, TrackerFargateService> = {};
  public readonly dataHost?: TimescaleDataHost;
  public readonly peering?: VpcPeering;
  public readonly alarms: StandardAlarms;
  public readonly dashboard: ServiceDashboard;
  public readonly logQueries: ServiceLogQueries;

  private readonly config: TrackerEnvironmentConfig;
  private readonly cluster: ecs.ICluster;
  private readonly names: { projectName: string; environmentName: string };

  constructor(scope: Construct, id: string, props: TrackerStackProps) {
    super(scope, id, props);
    const config = props.config;
    this.config = config;
    if ((config.dataHost === undefined) === (config.existingDataStores === undefined)) {
      throw new Error(`${config.stackName}: give exactly one of \`dataHost\` (self-hosted) and \`existingDataStores\` (peered) in the config.`);
    }
    this.names = { projectName: config.projectName, environmentName: config.environmentName };
    // Offline synth and tests may use placeholder values; any deployment path fails, listing them.
    refusePlaceholders(this, config);

    // Legacy modules 1 (kms) and 2 (network).
    this.projectKey = new ProjectKey(this, 'ProjectKey', this.names);
    const key = this.projectKey.key;
    this.network = new StandardVpc(this, 'Network', {
      ...this.names,
      cidr: config.vpcCidr,
      natGateways: config.natGateways,
      encryptionKey: key,
      interfaceEndpoints: config.vpcEndpoints ? StandardVpc.CONTAINER_ENDPOINTS : [],
    });
    const vpc = this.network.vpc;

    // Legacy modules 5 (acm), 6 (waf) and 7 (alb).
    const certificate = new ExternalDnsCertificate(this, 'Certificate', { domainName: config.hostname });
    const webAcl = new StandardWebAcl(this, 'WebAcl', { ...this.names, encryptionKey: key, rateLimitPerFiveMinutes: config.wafRateLimit });
    this.edge = new PublicLoadBalancer(this, 'Edge', { ...this.names, vpc, certificate: certificate.certificate, webAcl });

    // Legacy modules 8 (database) and 11 (secrets), or the peered production data tier.
    const peered = config.existingDataStores
      ? new PeeredDataTier(this, { vpc, cidr: this.network.cidr }, config.existingDataStores) : undefined;
    this.peering = peered?.peering;
    const dataStores = peered?.dataTier ?? this.selfHostedDataStores(key);
    const secretKey = peered?.secretKey ?? this.generatedSecretKey(key);

    // Legacy modules 4 (ecr), 9 (ecs) and 10 (logs).
    this.cluster = new StandardCluster(this, 'Cluster', { ...this.names, vpc, encryptionKey: key }).cluster;
    const listener = this.edge.httpsListener;
    const appSecrets = { SECRET_KEY: ecs.Secret.fromSecretsManager(secretKey) };
    // POSTGRES_*/REDIS_* variables and password secrets, and egress to the data tier on its two ports only.
    const data = { dataStores: { endpoints: dataStores.endpoints, variables: TRACKER_DATA_STORE_VARIABLES, peer: dataStores.peer } };
    const anisetteEnvironment: Record<string, string> = config.enableAnisette ? { ANISETTE_SERVER: `http://${ANISETTE_NAME}.${ANISETTE_NAMESPACE}:${ANISETTE_PORT}` } : {};

    const api = this.webService('api', 'api', config.sizes.api, {
      containerPort: 8000,
      web: {
        listener,
        priority: 10,
        pathPatterns: ['/api/*', '/api/v1/*', '/docs', '/redoc', '/openapi.json'],
        healthCheckPath: '/api/v1/health',
      },
      ...data,
      environment: anisetteEnvironment,
      secrets: appSecrets,
    });
    const admin = this.webService('admin', 'admin', config.sizes.admin, {
      containerPort: 80,
      web: { listener, priority: 20, pathPatterns: ['/admin*', '/health*'] },
    });
    // Everything else goes to the frontend: a host rule (services join by rule) and the listener default.
    const frontend = this.webService('frontend', 'frontend', config.sizes.frontend, {
      containerPort: 80,
      web: { listener, priority: 100, hostHeaders: [config.hostname] },
    });
    this.edge.forwardByDefault(frontend.targetGroup);
    const anisetteClients: TrackerFargateService[] = [api];
    // The services that inject the data store and application secrets.
    const secretReaders: TrackerFargateService[] = [api];

    const fileSystem = config.enableAnisette || (config.enableWorkers && config.workers.some((w) => w.needsData))
      ? this.sharedFileSystem(key) : undefined;
    if (config.enableWorkers) {
      for (const worker of config.workers) {
        const service = this.workerService(worker.name, 'services', { ...config.sizes.worker, scaling: worker.scaling }, {
          command: worker.command,
          fargateSpot: worker.spot ?? false,
          ...data,
          environment: worker.needsData ? anisetteEnvironment : {},
          secrets: appSecrets,
          efsMounts: worker.needsData && fileSystem ? [this.dataMount(fileSystem, worker.name)] : undefined,
        });
        anisetteClients.push(service);
        secretReaders.push(service);
      }
    }
    for (const reader of secretReaders) peered?.allowDecryptingSecrets(reader.executionRole);
    if (config.enableAnisette) {
      const anisette = this.workerService('anisette', 'anisette', config.sizes.anisette, {
        containerPort: ANISETTE_PORT,
        serviceDiscovery: { namespaceName: ANISETTE_NAMESPACE, name: ANISETTE_NAME },
        efsMounts: fileSystem ? [this.dataMount(fileSystem, 'anisette')] : undefined,
      });
      // Private: only the services that call it, on 6969.
      for (const client of anisetteClients) {
        anisette.connections.allowFrom(client, ec2.Port.tcp(ANISETTE_PORT), `${client.node.id} calls anisette`);
      }
    }

    // Alarms and dashboard watch the same things; alarm descriptions (and so the Teams cards) link the dashboard.
    const environment = new MonitoredEnvironment(this, 'Monitored', {
      ...this.names,
      loadBalancer: this.edge.loadBalancer,
      targetGroups: [api.targetGroup, frontend.targetGroup, admin.targetGroup],
      services: Object.values(this.services).map((s) => s.service),
      dataHost: this.dataHost,
    });
    this.alarms = new StandardAlarms(this, 'Alarms', {
      environment,
      dashboardName: environment.dashboardName,
      runbookUrl: config.alarms.runbookUrl,
      serviceUnhealthyAlarm: config.alarms.serviceUnhealthyAlarm,
    });
    if (config.alarms.rollbackOnAlarm) {
      for (const web of [api, frontend, admin]) this.alarms.enableDeploymentRollback(web.service, web.targetGroup);
    }
    const logGroups = Object.values(this.services).map((s) => s.logGroup);
    this.dashboard = new ServiceDashboard(this, 'Dashboard', { environment, alarms: this.alarms.alarms, logGroups });
    this.logQueries = new ServiceLogQueries(this, 'LogQueries', { ...this.names, logGroups });
  }

  /** A web service behind the shared HTTPS listener. */
  private webService(name: string, image: keyof TrackerEnvironmentConfig['imageTags'], size: TaskSize,
    options: Omit<TrackerWebServiceProps, CommonProps>): TrackerWebService {
    return this.register(name, new TrackerWebService(this, serviceId(name), { ...this.commonProps(name, image, size), ...options }));
  }

  /** A worker or private service: no load balancer. */
  private workerService(name: string, image: keyof TrackerEnvironmentConfig['imageTags'], size: TaskSize,
    options: Omit<TrackerWorkerServiceProps, CommonProps>): TrackerWorkerService {
    return this.register(name, new TrackerWorkerService(this, serviceId(name), { ...this.commonProps(name, image, size), ...options }));
  }

  /** What every service of the shared cluster has: its image pinned to the configured git SHA in the shared registry. */
  private commonProps(name: string, image: keyof TrackerEnvironmentConfig['imageTags'], size: TaskSize): Pick<TrackerServiceProps, CommonProps> {
    return {
      ...this.names,
      cluster: this.cluster,
      serviceName: name,
      image: ServiceImage.fromRepository(this.registryRepository(image), this.config.imageTags[image]),
      cpu: size.cpu,
      memoryLimitMiB: size.memoryLimitMiB,
      desiredCount: size.scaling?.min ?? size.desiredCount ?? 1,
      autoScaling: size.scaling ? autoScaling(size.scaling) : undefined,
      encryptionKey: this.projectKey.key,
      // Off in production; `ecsExec` in the config is the break-glass switch (README).
      enableExecuteCommand: this.config.ecsExec,
    };
  }

  private register<T extends TrackerFargateService>(name: string, service: T): T {
    this.services[name] = service;
    return service;
  }

  /** `tracker/<app>` in the shared registry account, by ARN: no lookup, no cross-account read at synth. */
  private registryRepository(app: string): ecr.IRepository {
    const id = `${serviceId(app)}Repository`;
    const existing = this.node.tryFindChild(id) as ecr.IRepository | undefined;
    if (existing) return existing;
    const repositoryName = `${SHARED_REGISTRY.service}/${app}`;
    return ecr.Repository.fromRepositoryAttributes(this, id, {
      repositoryName,
      repositoryArn: `arn:${this.partition}:ecr:${SHARED_REGISTRY.region}:${SHARED_REGISTRY.account}:repository/${repositoryName}`,
    });
  }

  /** Staging: PostgreSQL + TimescaleDB + Valkey on a pinned, self-hosted host with generated secrets. */
  private selfHostedDataStores(key: kms.IKey): DataTier {
    const host = this.config.dataHost!;
    const dataHost = new TimescaleDataHost(this, 'DataHost', {
      ...this.names,
      vpc: this.network.vpc,
      encryptionKey: key,
      machineImage: new DebianBookwormImage({ release: host.amiRelease, amiIds: { [this.config.region]: host.amiId } }),
      instanceType: new ec2.InstanceType(host.instanceType),
      dataVolumeSize: Size.gibibytes(host.dataVolumeGiB),
      clientCidrs: [this.config.vpcCidr],
      applicationUser: 'tracker',
      applicationDatabase: 'tracker',
    });
    (this as { dataHost?: TimescaleDataHost }).dataHost = dataHost;
    return { endpoints: dataHost.dataStoreEndpoints(), peer: dataHost };
  }

  /** Staging's `SECRET_KEY`: generated, never a hand-filled placeholder. */
  private generatedSecretKey(key: kms.IKey): secretsmanager.ISecret {
    const secret = new secretsmanager.Secret(this, 'SecretKey', {
      secretName: `${this.names.projectName}/${this.names.environmentName}/secret_key`,
      description: 'Tracker API signing/JWT key (SECRET_KEY)',
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    GlimpseCompliance.acknowledge(secret, ['AwsSolutions-SMG4', ...GlimpseCompliance.hipaaAndNist('SecretsManagerRotationEnabled')],
      'Rotating the signing key invalidates every session and token; it is rotated by a planned release, not on a schedule.');
    return secret;
  }

  /** The EFS file system behind `/data` (fetcher worker and anisette), encrypted, backed up, retained. */
  private sharedFileSystem(key: kms.IKey): efs.FileSystem {
    const fileSystem = new efs.FileSystem(this, 'SharedData', {
      vpc: this.network.vpc,
      // Clients open NFS per mount; the file system itself never initiates connections.
      securityGroup: new ec2.SecurityGroup(this, 'SharedDataSecurityGroup', {
        vpc: this.network.vpc,
        description: 'Shared /data file system: NFS from its clients only',
        allowAllOutbound: false,
      }),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      encrypted: true,
      kmsKey: key,
      enableAutomaticBackups: true,
      performanceMode: efs.PerformanceMode.GENERAL_PURPOSE,
      throughputMode: efs.ThroughputMode.ELASTIC,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS,
      allowAnonymousAccess: false,
    });
    const reason = 'Automatic backups are on (BackupPolicy ENABLED): AWS Backup keeps the file system in its own '
      + 'aws/efs/automatic-backup-plan (daily, 35 days), which no BackupSelection in this template can show.';
    GlimpseCompliance.acknowledge(fileSystem.node.defaultChild!, GlimpseCompliance.hipaaAndNist('EFSInBackupPlan'), reason);
    return fileSystem;
  }

  /** `/data` for one service: its own access point (directory and POSIX user) on the shared file system. */
  private dataMount(fileSystem: efs.FileSystem, owner: string): EfsMount {
    const accessPoint = fileSystem.addAccessPoint(`${serviceId(owner)}AccessPoint`, {
      path: `/${owner}`,
      createAcl: { ownerUid: '1000', ownerGid: '1000', permissions: '750' },
      posixUser: { uid: '1000', gid: '1000' },
    });
    return { fileSystem, accessPoint, containerPath: '/data' };
  }
}

/** The library's scaling options from the config's bounds and targets. */
function autoScaling(scaling: ScalingConfig): ServiceAutoScalingOptions {
  return {
    minCapacity: scaling.min,
    maxCapacity: scaling.max,
    targetCpuUtilizationPercent: scaling.cpuTargetPercent,
    requestsPerTarget: scaling.requestsPerTarget,
  };
}

/** `tracker-fetcher-2` → `TrackerFetcher2`: construct ids, a contract (changing one replaces resources). */
function serviceId(name: string): string {
  return name.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}
