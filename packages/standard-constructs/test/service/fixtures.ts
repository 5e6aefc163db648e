import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  DataStoreConnection, DataStoreEndpoints, DataStoreVariables, EfsMount, ServiceImage, StandardCluster,
  TrackerWebServiceProps, TrackerWorkerServiceProps,
} from '../../src/service';
import { importedVpc } from '../imported-vpc';

export const GIT_SHA = '4f3ebae951a368bda79d84632a831a4f266b1bed';
export const DIGEST = 'sha256:' + 'a'.repeat(64);

/** The shared infrastructure a service plugs into: VPC, key, cluster, ALB listener, registry, secrets. */
export interface Platform {
  readonly vpc: ec2.IVpc;
  readonly key: kms.Key;
  readonly cluster: ecs.Cluster;
  readonly listener: elbv2.ApplicationListener;
  readonly repository: ecr.IRepository;
  readonly dataStores: DataStoreEndpoints;
  readonly secretKey: secretsmanager.ISecret;
}

export function platform(stack: Stack): Platform {
  const vpc = importedVpc(stack);
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const cluster = new StandardCluster(stack, 'Cluster', {
    vpc, encryptionKey: key, projectName: 'tracker-restapi', environmentName: 'staging',
  }).cluster;
  const albSg = ec2.SecurityGroup.fromSecurityGroupId(stack, 'AlbSg', 'sg-0a1b2c3d4e5f67890', { allowAllOutbound: false });
  const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'Listener', {
    listenerArn: 'arn:aws:elasticloadbalancing:eu-west-2:111111111111:listener/app/tracker/0123456789abcdef/0123456789abcdef',
    securityGroup: albSg,
  }) as elbv2.ApplicationListener;
  const repository = ecr.Repository.fromRepositoryArn(stack, 'Repo', 'arn:aws:ecr:eu-west-2:636728427214:repository/tracker/api');
  const secret = (id: string) => secretsmanager.Secret.fromSecretAttributes(stack, id, {
    secretCompleteArn: `arn:aws:secretsmanager:eu-west-2:111111111111:secret:tracker/staging/${id}-AbCdEf`,
    encryptionKey: key,
  });
  return {
    vpc,
    key,
    cluster,
    listener,
    repository,
    dataStores: {
      postgresHost: 'db.tracker.internal',
      postgresUser: 'tracker',
      postgresDatabase: 'tracker',
      postgresPassword: secret('PostgresPassword'),
      redisHost: 'db.tracker.internal',
      redisPassword: secret('RedisPassword'),
    },
    secretKey: secret('SecretKey'),
  };
}

/** Variable names of an application that reads its data stores as DB_* and REDIS_*. */
export const VARIABLES: DataStoreVariables = {
  postgresHost: 'DB_HOST',
  postgresUser: 'DB_USER',
  postgresDatabase: 'DB_NAME',
  postgresPort: 'DB_PORT',
  redisHost: 'REDIS_HOST',
  redisPort: 'REDIS_PORT',
  redisClusterMode: 'REDIS_CLUSTER',
  redisTls: 'REDIS_TLS',
  postgresPassword: 'DB_PASSWORD',
  redisPassword: 'REDIS_PASSWORD',
  constants: { CACHE_DB: '0' },
};

/** The platform's data stores under `VARIABLES`, without a network rule. */
export function dataStores(p: Platform): DataStoreConnection {
  return { endpoints: p.dataStores, variables: VARIABLES };
}

/** An API: 512/1024 on 8000 behind the shared listener at priority 10. */
export function apiProps(p: Platform, overrides: Partial<TrackerWebServiceProps> = {}): TrackerWebServiceProps {
  return {
    cluster: p.cluster,
    projectName: 'tracker-restapi',
    environmentName: 'staging',
    serviceName: 'api',
    image: ServiceImage.fromRepository(p.repository, GIT_SHA),
    cpu: 512,
    memoryLimitMiB: 1024,
    encryptionKey: p.key,
    containerPort: 8000,
    dataStores: dataStores(p),
    secrets: { SECRET_KEY: ecs.Secret.fromSecretsManager(p.secretKey) },
    web: {
      listener: p.listener,
      priority: 10,
      pathPatterns: ['/api/*', '/api/v1/*', '/docs', '/redoc', '/openapi.json'],
      healthCheckPath: '/api/v1/health',
    },
    ...overrides,
  };
}

/** A TaskiQ worker from the api image. */
export function workerProps(p: Platform, overrides: Partial<TrackerWorkerServiceProps> = {}): TrackerWorkerServiceProps {
  return {
    cluster: p.cluster,
    projectName: 'tracker-restapi',
    environmentName: 'staging',
    serviceName: 'tracker-fetcher',
    image: ServiceImage.fromRepository(p.repository, GIT_SHA),
    cpu: 256,
    memoryLimitMiB: 512,
    encryptionKey: p.key,
    command: ['taskiq', 'worker', 'app.worker:broker'],
    dataStores: dataStores(p),
    ...overrides,
  };
}

/** An alarm of the standard alarm set, by name. */
export function alarm(stack: Stack, name: string): cloudwatch.IAlarm {
  return cloudwatch.Alarm.fromAlarmArn(stack, name, `arn:aws:cloudwatch:eu-west-2:111111111111:alarm:${name}`);
}

/** An existing encrypted file system with a `/data` access point. */
export function dataVolume(stack: Stack): EfsMount {
  const fileSystem = efs.FileSystem.fromFileSystemAttributes(stack, 'DataFs', {
    fileSystemId: 'fs-0123456789abcdef0',
    securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'DataFsSg', 'sg-0fedcba9876543210'),
  });
  const accessPoint = efs.AccessPoint.fromAccessPointAttributes(stack, 'DataAp', { accessPointId: 'fsap-0123456789abcdef0', fileSystem });
  return { fileSystem, accessPoint, containerPath: '/data' };
}
