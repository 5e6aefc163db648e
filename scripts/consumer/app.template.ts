// The library README's app, as another team writes it against the published
// package. run.js keeps a `//#if A,B` … `//#endif` block only when the package
// exports A and B (constructs still being built are skipped, and reported), and
// fills in the import list from the blocks it kept.
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { /* IMPORTS */ } from '@glimpse/standard-constructs';

const app = new App({ outdir: process.argv[2] ?? 'cdk.out' });

//#if SharedEcrRepo,SHARED_REGISTRY_ACCOUNT
// The shared registry account: one repository per <service>/<app>.
const registry = new Stack(app, 'SharedRegistry', { env: { account: SHARED_REGISTRY_ACCOUNT, region: 'eu-west-2' } });
new SharedEcrRepo(registry, 'TrackerApi', {
  service: 'tracker',
  app: 'api',
  pullAccounts: ['222222222222'],
  pushAccounts: ['111111111111'],
});
//#endif

// A workload account: no lookups, everything explicit.
const stack = new Stack(app, 'TrackerStaging', { env: { account: '222222222222', region: 'eu-west-2' } });
const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
  vpcId: 'vpc-12345678',
  availabilityZones: ['eu-west-2a', 'eu-west-2b'],
  privateSubnetIds: ['subnet-11111111', 'subnet-22222222'],
  publicSubnetIds: ['subnet-33333333', 'subnet-44444444'],
  vpcCidrBlock: '10.40.0.0/24',
});
const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
const apiRepo = ecr.Repository.fromRepositoryAttributes(stack, 'ApiRepo', {
  repositoryName: 'tracker/api',
  repositoryArn: 'arn:aws:ecr:eu-west-2:636728427214:repository/tracker/api',
});
void apiRepo;
void secretsmanager;
void elbv2;

//#if TimescaleDataHost,DebianBookwormImage
const dataHost = new TimescaleDataHost(stack, 'DataHost', {
  vpc,
  projectName: 'tracker-restapi',
  environmentName: 'staging',
  encryptionKey: key,
  machineImage: new DebianBookwormImage({
    release: 'debian-12-amd64-20250316-2053',
    amiIds: { 'eu-west-2': 'ami-0123456789abcdef0' },
  }),
});
//#endif

//#if TrackerWebService,StandardCluster,ServiceImage
const { cluster } = new StandardCluster(stack, 'Cluster', {
  vpc, encryptionKey: key, projectName: 'tracker-restapi', environmentName: 'staging',
});
const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
const listener = alb.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(404) });
const secret = (id: string) => secretsmanager.Secret.fromSecretAttributes(stack, id, {
  secretCompleteArn: `arn:aws:secretsmanager:eu-west-2:222222222222:secret:tracker/staging/${id}-AbCdEf`,
  encryptionKey: key,
});
const api = new TrackerWebService(stack, 'Api', {
  cluster,
  projectName: 'tracker-restapi',
  environmentName: 'staging',
  serviceName: 'api',
  image: ServiceImage.fromRepository(apiRepo, '4f3ebae951a368bda79d84632a831a4f266b1bed'),
  cpu: 512,
  memoryLimitMiB: 1024,
  encryptionKey: key,
  containerPort: 8000,
  dataStores: {
    //#if TimescaleDataHost
    endpoints: dataHost.dataStoreEndpoints(),
    //#endif
    //#if !TimescaleDataHost
    endpoints: {
      postgresHost: 'db.tracker.internal',
      postgresUser: 'tracker',
      postgresDatabase: 'tracker',
      postgresPassword: secret('PostgresPassword'),
      redisHost: 'db.tracker.internal',
      redisPassword: secret('RedisPassword'),
    },
    //#endif
    variables: { postgresHost: 'DB_HOST', postgresPassword: 'DB_PASSWORD', redisHost: 'REDIS_HOST', redisPassword: 'REDIS_PASSWORD' },
  },
  web: { listener, priority: 10, pathPatterns: ['/api/*'], healthCheckPath: '/api/v1/health' },
});
//#if TimescaleDataHost
dataHost.connections.allowFrom(api, ec2.Port.tcp(5432));
//#endif
//#endif

//#if TeamsAlarmForwarder
// Once per account (apps/platform-alarms deploys it with a StackSet).
const forwarder = new TeamsAlarmForwarder(stack, 'TeamsForwarder', {
  webhookUrlSecret: secretsmanager.Secret.fromSecretCompleteArn(stack, 'Webhook',
    'arn:aws:secretsmanager:eu-west-2:222222222222:secret:glimpse/alarms/teams-webhook-AbCdEf'),
});
//#endif

//#if StandardAlarms,TrackerWebService
new StandardAlarms(stack, 'Alarms', {
  projectName: 'tracker-restapi',
  environmentName: 'staging',
  loadBalancer: alb,
  services: [api.service],
  //#if TimescaleDataHost
  dataHost,
  //#endif
  //#if TeamsAlarmForwarder
  topic: forwarder.topic,
  //#endif
});
//#endif

app.synth();
