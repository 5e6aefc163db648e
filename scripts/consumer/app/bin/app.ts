import { App, Stack } from 'aws-cdk-lib';
import {
  GlimpseCompliance, ProjectKey, ServiceImage, SharedEcrRepo, StandardCluster,
  StandardTags, StandardVpc, TrackerWorkerService,
} from '@glimpse/standard-constructs';

const app = new App();
// The organisation's checks: any finding fails `cdk synth`, `cdk diff` and `cdk deploy`.
GlimpseCompliance.enable(app);

const stack = new Stack(app, 'MyServiceStaging', { env: { account: '222222222222', region: 'eu-west-2' } });
const names = { projectName: 'my-service', environmentName: 'staging' };

const projectKey = new ProjectKey(stack, 'ProjectKey', names);
const network = new StandardVpc(stack, 'Network', { ...names, cidr: '10.50.0.0/24', encryptionKey: projectKey.key });
const { cluster } = new StandardCluster(stack, 'Cluster', { ...names, vpc: network.vpc, encryptionKey: projectKey.key });

// Your repository in the shared registry account; images are pinned by git SHA or digest, never `latest`.
const repository = SharedEcrRepo.fromServiceApp(stack, 'WorkerRepo', { service: 'my-service', app: 'worker' });
const gitSha = process.env.GIT_SHA ?? '4f3ebae951a368bda79d84632a831a4f266b1bed';

new TrackerWorkerService(stack, 'Worker', {
  ...names,
  cluster,
  serviceName: 'worker',
  image: ServiceImage.fromRepository(repository, gitSha),
  cpu: 256,
  memoryLimitMiB: 512,
  encryptionKey: projectKey.key,
  command: ['python', '-m', 'worker'],
});

StandardTags.apply(app, {
  environment: 'staging',
  application: 'my-service',
  component: 'worker',
  version: gitSha,
  repository: 'https://github.com/your-org/my-service-infra',
});
