import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { DataStoreEnvironment } from '../../src/service';

function endpoints(stack: Stack) {
  return {
    postgresHost: 'db.internal',
    postgresUser: 'tracker',
    postgresDatabase: 'tracker',
    postgresPassword: secretsmanager.Secret.fromSecretNameV2(stack, 'Pg', 'pg'),
    postgresPasswordField: 'password',
    redisHost: 'cache.internal',
    redisPassword: secretsmanager.Secret.fromSecretNameV2(stack, 'Redis', 'redis'),
  };
}

test('maps endpoints to the variables the Tracker API reads, with seed 001 defaults', () => {
  const stack = new Stack();
  const env = DataStoreEnvironment.fromEndpoints(endpoints(stack));
  expect(env.environment).toEqual({
    POSTGRES_SERVER: 'db.internal',
    POSTGRES_USER: 'tracker',
    POSTGRES_DB: 'tracker',
    POSTGRES_PORT: '5432',
    REDIS_HOST: 'cache.internal',
    REDIS_PORT: '6379',
    REDIS_CLUSTER_MODE: 'false',
    REDIS_TLS_ENABLED: 'false',
    REDIS_CACHE_TTL: '3600',
    REDIS_CACHE_DB: '0',
    REDIS_TASKS_DB: '1',
    REDIS_HEALTH_DB: '2',
    REDIS_NOTIFICATIONS_DB: '3',
  });
  expect(Object.keys(env.secrets).sort()).toEqual(['POSTGRES_PASSWORD', 'REDIS_PASSWORD']);
});

test('honours ports, TLS, cluster mode and cache TTL', () => {
  const stack = new Stack();
  const env = DataStoreEnvironment.fromEndpoints(
    { ...endpoints(stack), postgresPort: 6432, redisPort: 6380, redisTls: true, redisClusterMode: true },
    { redisCacheTtlSeconds: 60 },
  );
  expect(env.environment).toMatchObject({
    POSTGRES_PORT: '6432', REDIS_PORT: '6380', REDIS_TLS_ENABLED: 'true', REDIS_CLUSTER_MODE: 'true', REDIS_CACHE_TTL: '60',
  });
});

test('passwords become secrets (JSON field when given), never plain variables', () => {
  const stack = new Stack(new App(), 'S');
  const env = DataStoreEnvironment.fromEndpoints(endpoints(stack));
  const td = new ecs.FargateTaskDefinition(stack, 'Td');
  td.addContainer('C', { image: ecs.ContainerImage.fromRegistry('x@sha256:' + 'a'.repeat(64)), secrets: env.secrets, environment: env.environment });
  const container = Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition');
  const def = Object.values(container)[0].Properties.ContainerDefinitions[0];
  expect(def.Environment.map((e: { Name: string }) => e.Name)).not.toEqual(expect.arrayContaining(['POSTGRES_PASSWORD']));
  Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
    ContainerDefinitions: [Match.objectLike({
      Secrets: Match.arrayWith([
        { Name: 'POSTGRES_PASSWORD', ValueFrom: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':secretsmanager:', ':secret:pg:password::'])] }) },
        { Name: 'REDIS_PASSWORD', ValueFrom: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':secret:redis'])] }) },
      ]),
    })],
  });
});
