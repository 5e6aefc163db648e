import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { platform, VARIABLES, workerProps } from './fixtures';
import { DataStoreEndpoints, DataStoreVariables, TrackerWorkerService } from '../../src/service';

function endpoints(stack: Stack): DataStoreEndpoints {
  return {
    postgresHost: 'db.internal',
    postgresUser: 'app',
    postgresDatabase: 'orders',
    postgresPassword: secretsmanager.Secret.fromSecretNameV2(stack, 'Pg', 'pg'),
    postgresPasswordField: 'password',
    redisHost: 'cache.internal',
    redisPassword: secretsmanager.Secret.fromSecretNameV2(stack, 'Redis', 'redis'),
  };
}

/** The application container of a worker given `endpoints` under `variables`. */
function container(variables: DataStoreVariables, change: (e: DataStoreEndpoints) => DataStoreEndpoints = (e) => e) {
  const stack = new Stack(new App(), 'S');
  new TrackerWorkerService(stack, 'W', workerProps(platform(stack), { dataStores: { endpoints: change(endpoints(stack)), variables } }));
  const [taskDefinition] = Object.values(Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition'));
  const def = taskDefinition.Properties.ContainerDefinitions[0];
  const environment = Object.fromEntries((def.Environment ?? []).map((e: { Name: string; Value: string }) => [e.Name, e.Value]));
  return { stack, environment, secrets: (def.Secrets ?? []).map((s: { Name: string }) => s.Name) };
}

test('endpoints become the variables the application names, with the default ports, then its constants', () => {
  const { environment, secrets } = container(VARIABLES);
  expect(environment).toEqual({
    DB_HOST: 'db.internal',
    DB_USER: 'app',
    DB_NAME: 'orders',
    DB_PORT: '5432',
    REDIS_HOST: 'cache.internal',
    REDIS_PORT: '6379',
    REDIS_CLUSTER: 'false',
    REDIS_TLS: 'false',
    CACHE_DB: '0',
  });
  expect(secrets).toEqual(['DB_PASSWORD', 'REDIS_PASSWORD']);
});

test('ports, TLS and cluster mode of the endpoints', () => {
  const { environment } = container(VARIABLES, (e) => ({ ...e, postgresPort: 6432, redisPort: 6380, redisTls: true, redisClusterMode: true }));
  expect(environment).toMatchObject({ DB_PORT: '6432', REDIS_PORT: '6380', REDIS_TLS: 'true', REDIS_CLUSTER: 'true' });
});

test('an endpoint the application does not name is not passed', () => {
  const { environment, secrets } = container({ postgresHost: 'DATABASE_HOST', postgresPassword: 'DATABASE_PASSWORD' });
  expect(environment).toEqual({ DATABASE_HOST: 'db.internal' });
  expect(secrets).toEqual(['DATABASE_PASSWORD']);
});

test('passwords become secrets (JSON field when given), never plain variables', () => {
  const { stack, environment } = container(VARIABLES);
  expect(Object.keys(environment)).not.toContain('DB_PASSWORD');
  Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
    ContainerDefinitions: [Match.objectLike({
      Secrets: Match.arrayWith([
        { Name: 'DB_PASSWORD', ValueFrom: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':secretsmanager:', ':secret:pg:password::'])] }) },
        { Name: 'REDIS_PASSWORD', ValueFrom: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':secret:redis'])] }) },
      ]),
    })],
  });
});
