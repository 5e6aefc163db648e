import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as src from '../../src';
import { importedVpc } from '../imported-vpc';

/**
 * Upgrade safety: a consumer who moves to a new library version keeps their
 * data and their deployments only if resources keep their CloudFormation
 * logical ids. A changed id makes CloudFormation create a new resource and
 * delete (or, with RETAIN, orphan) the old one:
 * - for a stateful resource, a new empty database volume, new secrets, a new
 *   key that cannot decrypt old data, a new empty repository;
 * - for a resource with a physical name (a service, alarm, log group,
 *   task-definition family, cluster, role...), the deployment fails: the new
 *   resource cannot take the name the old one still holds.
 *
 * `expected-logical-ids.json` is the contract. To add a construct, add a case
 * below and run `WRITE_EXPECTED_LOGICAL_IDS=1 npx jest test/upgrade-safety`;
 * review and commit the file. Never regenerate it to make a failure go away.
 */
const STATEFUL_TYPES = [
  'AWS::ECR::Repository',
  'AWS::EC2::Volume',
  'AWS::SecretsManager::Secret',
  'AWS::KMS::Key',
  'AWS::Logs::LogGroup',
  'AWS::S3::Bucket',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::EFS::FileSystem',
  'AWS::DynamoDB::Table',
  'AWS::Backup::BackupVault',
  'AWS::RDS::DBInstance',
];

/**
 * The property that gives each resource type its physical name, when set
 * (dotted for a nested one). Properties that only refer to another resource's
 * name (a metric filter's `LogGroupName`) are not listed.
 */
const PHYSICAL_NAME: Record<string, string> = {
  'AWS::Backup::BackupPlan': 'BackupPlan.BackupPlanName',
  'AWS::Backup::BackupVault': 'BackupVaultName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::CloudWatch::CompositeAlarm': 'AlarmName',
  'AWS::CloudWatch::Dashboard': 'DashboardName',
  'AWS::EC2::LaunchTemplate': 'LaunchTemplateName',
  'AWS::EC2::SecurityGroup': 'GroupName',
  'AWS::ECR::Repository': 'RepositoryName',
  'AWS::ECS::Cluster': 'ClusterName',
  'AWS::ECS::Service': 'ServiceName',
  'AWS::ECS::TaskDefinition': 'Family',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'Name',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::Logs::QueryDefinition': 'Name',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SSM::Parameter': 'Name',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::ServiceDiscovery::PrivateDnsNamespace': 'Name',
  'AWS::ServiceDiscovery::Service': 'Name',
  'AWS::WAFv2::WebACL': 'Name',
  'AWS::XRay::SamplingRule': 'SamplingRule.RuleName',
};

function hasPhysicalName(resource: { Type: string; Properties?: Record<string, unknown> }): boolean {
  const property = PHYSICAL_NAME[resource.Type];
  if (!property) return false;
  const value = property.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], resource.Properties);
  return value !== undefined;
}

const EXPECTED_FILE = path.join(__dirname, 'expected-logical-ids.json');
const ENV = { account: '222222222222', region: 'eu-west-2' };
const NAMES = { projectName: 'tracker-restapi', environmentName: 'staging' };

function stack(): Stack {
  return new Stack(new App(), 'Consumer', { env: ENV });
}

/** The stack's imported VPC, created on first use. */
function vpcOf(s: Stack): ec2.IVpc {
  const existing = s.node.tryFindChild('Vpc') as ec2.IVpc | undefined;
  return existing ?? importedVpc(s);
}

/** Imported (not created) so that only the construct's own stateful resources are recorded. */
function importedKey(s: Stack): kms.IKey {
  const existing = s.node.tryFindChild('ImportedKey') as kms.IKey | undefined;
  return existing ?? kms.Key.fromKeyArn(s, 'ImportedKey', 'arn:aws:kms:eu-west-2:222222222222:key/11111111-2222-3333-4444-555555555555');
}

const lib = src as unknown as Record<string, any>;

/** The stack's standard cluster, created on first use. */
function clusterOf(s: Stack): any {
  const existing = s.node.tryFindChild('Cluster') as any;
  return (existing ?? new lib.StandardCluster(s, 'Cluster', { ...NAMES, vpc: vpcOf(s), encryptionKey: importedKey(s) })).cluster;
}

/** What every service of the cases shares: cluster, pinned image from the shared registry, data stores. */
function serviceProps(s: Stack, serviceName: string): Record<string, unknown> {
  const repo = (s.node.tryFindChild('Repo') as ecr.IRepository | undefined)
    ?? ecr.Repository.fromRepositoryArn(s, 'Repo', 'arn:aws:ecr:eu-west-2:636728427214:repository/tracker/api');
  const secret = (id: string) => (s.node.tryFindChild(id) as secretsmanager.ISecret | undefined)
    ?? secretsmanager.Secret.fromSecretCompleteArn(s, id, `arn:aws:secretsmanager:eu-west-2:222222222222:secret:${id}-AbCdEf`);
  return {
    ...NAMES,
    cluster: clusterOf(s),
    serviceName,
    image: lib.ServiceImage.fromRepository(repo, '4f3ebae951a368bda79d84632a831a4f266b1bed'),
    cpu: 256,
    memoryLimitMiB: 512,
    encryptionKey: importedKey(s),
    enableExecuteCommand: true,
    dataStores: {
      endpoints: {
        postgresHost: 'db.tracker.internal',
        postgresUser: 'tracker',
        postgresDatabase: 'tracker',
        postgresPassword: secret('pg'),
        redisHost: 'db.tracker.internal',
        redisPassword: secret('redis'),
      },
      variables: { postgresHost: 'POSTGRES_SERVER', postgresPassword: 'POSTGRES_PASSWORD' },
    },
  };
}

function worker(s: Stack, id: string, extra: Record<string, unknown> = {}): any {
  return new lib.TrackerWorkerService(s, id, { ...serviceProps(s, 'tracker-fetcher'), command: ['taskiq', 'worker', 'app.worker:broker'], ...extra });
}

function webService(s: Stack, id: string): any {
  const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(s, 'Listener', {
    listenerArn: 'arn:aws:elasticloadbalancing:eu-west-2:222222222222:listener/app/tracker/0123456789abcdef/0123456789abcdef',
    securityGroup: ec2.SecurityGroup.fromSecurityGroupId(s, 'AlbSg', 'sg-0a1b2c3d4e5f67890', { allowAllOutbound: false }),
  });
  return new lib.TrackerWebService(s, id, {
    ...serviceProps(s, 'api'),
    containerPort: 8000,
    web: { listener, priority: 10, pathPatterns: ['/api/*'], healthCheckPath: '/api/v1/health' },
    autoScaling: { minCapacity: 1, maxCapacity: 4, requestsPerTarget: 500 },
    tracing: {},
  });
}

/**
 * One representative usage per construct, keyed by its exported name. A case
 * runs only when the construct is exported (`src` is read dynamically), so the
 * guard covers each construct from the day it lands.
 */
const CASES: Record<string, (s: Stack) => void> = {
  SharedEcrRepo: (s) => new lib.SharedEcrRepo(s, 'Repo', { service: 'tracker', app: 'api', pullAccounts: ['333333333333'] }),
  ProjectKey: (s) => new lib.ProjectKey(s, 'ProjectKey', NAMES),
  StandardVpc: (s) => new lib.StandardVpc(s, 'Network', { ...NAMES, cidr: '10.40.0.0/24', encryptionKey: importedKey(s) }),
  TimescaleDataHost: (s) => {
    const host = new lib.TimescaleDataHost(s, 'DataHost', {
      ...NAMES,
      vpc: vpcOf(s),
      encryptionKey: importedKey(s),
      applicationUser: 'tracker',
      applicationDatabase: 'tracker',
      machineImage: new lib.DebianBookwormImage({ release: 'debian-12-amd64-20250316-2053', amiIds: { 'eu-west-2': 'ami-0123456789abcdef0' } }),
    });
    host.connections.allowDefaultPortFrom(ec2.Peer.ipv4('10.40.0.0/24'));
  },
  StandardCluster: (s) => new lib.StandardCluster(s, 'Cluster', { ...NAMES, vpc: vpcOf(s), encryptionKey: importedKey(s) }),
  // The abstract base is known by this name; its contract is the worker's (same construct ids).
  TrackerFargateService: (s) => worker(s, 'Api'),
  TrackerWorkerService: (s) => {
    const anisette = worker(s, 'Anisette', { containerPort: 6969, serviceDiscovery: { name: 'anisette-v3', namespaceName: 'anisette-v3.local' } });
    anisette.connections.allowFrom(ec2.Peer.ipv4('10.40.0.0/24'), ec2.Port.tcp(6969));
  },
  TrackerWebService: (s) => webService(s, 'Api'),
  StandardAlarms: (s) => {
    const api = webService(s, 'Api');
    const environment = new lib.MonitoredEnvironment(s, 'Monitored', { ...NAMES, targetGroups: [api.targetGroup], services: [api.service] });
    new lib.StandardAlarms(s, 'Alarms', { environment, serviceUnhealthyAlarm: true });
  },
  ServiceDashboard: (s) => {
    const api = webService(s, 'Api');
    const environment = new lib.MonitoredEnvironment(s, 'Monitored', { ...NAMES, targetGroups: [api.targetGroup], services: [api.service] });
    new lib.ServiceDashboard(s, 'Dashboard', { environment, logGroups: [api.logGroup] });
  },
  ServiceLogQueries: (s) => new lib.ServiceLogQueries(s, 'LogQueries', { ...NAMES, logGroups: [webService(s, 'Api').logGroup] }),
  TeamsAlarmForwarder: (s) => new lib.TeamsAlarmForwarder(s, 'Forwarder', {
    webhookUrlSecret: secretsmanager.Secret.fromSecretCompleteArn(s, 'Webhook', 'arn:aws:secretsmanager:eu-west-2:222222222222:secret:teams-AbCdEf'),
  }),
  StandardWebAcl: (s) => new lib.StandardWebAcl(s, 'Waf', { ...NAMES, encryptionKey: importedKey(s) }),
  PublicLoadBalancer: (s) => new lib.PublicLoadBalancer(s, 'Alb', {
    ...NAMES,
    vpc: vpcOf(s),
    certificate: acm.Certificate.fromCertificateArn(s, 'Cert', 'arn:aws:acm:eu-west-2:222222222222:certificate/11111111-2222-3333-4444-555555555555'),
    defaultAction: elbv2.ListenerAction.fixedResponse(404),
  }),
};

/** `<Type> <logicalId>` of every stateful or physically named resource. */
function contractedLogicalIds(build: (s: Stack) => void): string[] {
  const s = stack();
  build(s);
  const resources = Template.fromStack(s).toJSON().Resources ?? {};
  return Object.entries(resources)
    .filter(([, r]: [string, any]) => STATEFUL_TYPES.includes(r.Type) || hasPhysicalName(r))
    .map(([id, r]: [string, any]) => `${r.Type} ${id}`)
    .sort();
}

let expected: Record<string, string[]> = fs.existsSync(EXPECTED_FILE) ? JSON.parse(fs.readFileSync(EXPECTED_FILE, 'utf-8')) : {};
const exported = Object.keys(CASES).filter((name) => typeof lib[name] === 'function');

if (process.env.WRITE_EXPECTED_LOGICAL_IDS) {
  const written = Object.fromEntries(exported.map((name) => [name, contractedLogicalIds(CASES[name])]));
  expected = { ...expected, ...written };
  fs.writeFileSync(EXPECTED_FILE, JSON.stringify(expected, null, 2) + '\n');
}

describe('upgrade safety: logical ids of stateful and physically named resources', () => {
  test.each(exported)('%s keeps the logical ids of its stateful and physically named resources', (name) => {
    const actual = contractedLogicalIds(CASES[name]);
    const contract = expected[name];
    if (!contract) {
      throw new Error(`${name} has no entry in test/upgrade-safety/expected-logical-ids.json. ` +
        'Run `WRITE_EXPECTED_LOGICAL_IDS=1 npx jest test/upgrade-safety`, review and commit the file.');
    }
    const removed = contract.filter((id) => !actual.includes(id));
    if (removed.length > 0) {
      throw new Error(`${name}: stateful or physically named resources changed logical id or disappeared:\n  ${removed.join('\n  ')}\n` +
        `now:\n  ${actual.join('\n  ') || '(none)'}\n` +
        'A changed logical id makes CloudFormation REPLACE the resource for every consumer on upgrade: ' +
        'a new empty volume/repository/log group, new secrets, a new key that cannot decrypt existing data ' +
        '(the old one is deleted, or orphaned under RETAIN), and a failed deployment for a resource with a physical name ' +
        '(the new one cannot take the name the old one holds). Keep the construct ids and the tree ' +
        '(restore the old id, or use `overrideLogicalId` on the resource). Changing this file is a breaking change: ' +
        'it needs a major version and upgrade notes in the construct README.');
    }
    // New resources are fine for consumers, but must join the contract.
    expect(actual).toEqual(contract);
  });

  test('the contract lists only constructs that exist', () => {
    expect(Object.keys(expected).filter((name) => !(name in CASES))).toEqual([]);
  });
});
