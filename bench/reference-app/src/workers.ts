/**
 * The private services: the TaskiQ workers of the tracker/services image and
 * anisette, which only they and the api call (Cloud Map name, port 6969).
 * The fetcher and anisette keep their state on a shared EFS file system.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import { EnvironmentConfig } from './config';
import { AppService } from './service';

export const ANISETTE_PORT = 6969;
/** What the api and the fetcher call anisette by. */
export const ANISETTE_SERVER = `http://anisette-v3.anisette-v3.local:${ANISETTE_PORT}`;

export interface WorkersProps {
  readonly prefix: string;
  readonly config: EnvironmentConfig;
  readonly cluster: ecs.ICluster;
  readonly key: kms.IKey;
  /** Data store variables and SECRET_KEY. */
  readonly environment: Record<string, string>;
  readonly secrets: Record<string, ecs.Secret>;
  /** Services other than the workers that call anisette. */
  readonly anisetteClients: AppService[];
}

export class Workers {
  public readonly worker: AppService;
  public readonly fetcher: AppService;
  public readonly anisette: AppService;

  constructor(scope: Construct, props: WorkersProps) {
    const { prefix, config, cluster, key } = props;
    const vpc = cluster.vpc;
    // Clients open NFS per mount; the file system itself never initiates connections.
    const fileSystem = new efs.FileSystem(scope, 'SharedData', {
      vpc,
      securityGroup: new ec2.SecurityGroup(scope, 'SharedDataSecurityGroup', {
        vpc,
        description: 'Shared /data file system: NFS from its clients only',
        allowAllOutbound: false,
      }),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      encrypted: true,
      kmsKey: key,
      enableAutomaticBackups: true,
      performanceMode: efs.PerformanceMode.GENERAL_PURPOSE,
      throughputMode: efs.ThroughputMode.ELASTIC,
      lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS,
      removalPolicy: RemovalPolicy.RETAIN,
      allowAnonymousAccess: false,
    });
    // Each service its own directory, owned by the containers' user.
    const dataMount = (id: string, directory: string) => ({
      fileSystem,
      accessPoint: fileSystem.addAccessPoint(id, {
        path: `/${directory}`,
        createAcl: { ownerUid: '1000', ownerGid: '1000', permissions: '750' },
        posixUser: { uid: '1000', gid: '1000' },
      }),
    });
    const common = { prefix, cluster, key, ecsExec: config.ecsExec, image: 'services', size: config.sizes.worker };

    // Interruptible work: Fargate Spot, scaled on CPU.
    this.worker = new AppService(scope, 'TrackerWorker', {
      ...common,
      name: 'tracker-worker',
      command: ['taskiq', 'worker', 'app.worker:broker'],
      spot: true,
      environment: props.environment,
      secrets: props.secrets,
    });
    this.worker.autoScale(config.workerScaling);
    // One task, no scaling: it keeps its Apple-account session in /data.
    this.fetcher = new AppService(scope, 'TrackerFetcher2', {
      ...common,
      name: 'tracker-fetcher-2',
      command: ['taskiq', 'worker', 'app.fetcher:broker'],
      environment: { ...props.environment, ANISETTE_SERVER },
      secrets: props.secrets,
      dataMount: dataMount('TrackerFetcher2AccessPoint', 'tracker-fetcher-2'),
    });

    const namespace = new servicediscovery.PrivateDnsNamespace(scope, 'AnisetteNamespace', {
      name: 'anisette-v3.local',
      vpc,
      description: 'Private DNS of anisette',
    });
    this.anisette = new AppService(scope, 'Anisette', {
      ...common,
      image: 'anisette',
      size: config.sizes.anisette,
      name: 'anisette',
      containerPort: ANISETTE_PORT,
      dataMount: dataMount('AnisetteAccessPoint', 'anisette'),
      cloudMap: { cloudMapNamespace: namespace, name: 'anisette-v3', dnsRecordType: servicediscovery.DnsRecordType.A, dnsTtl: Duration.seconds(10) },
    });

    for (const service of [this.fetcher, this.anisette]) {
      fileSystem.connections.allowDefaultPortFrom(service.securityGroup, `${service.node.id} mounts EFS`);
    }
    // Private: only its callers, on its port.
    for (const client of [...props.anisetteClients, this.worker, this.fetcher]) {
      this.anisette.securityGroup.connections.allowFrom(client.securityGroup, ec2.Port.tcp(ANISETTE_PORT), `${client.node.id} calls anisette`);
    }
  }
}
