import { Tokenization } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ContainerEnvironment, DataStoreVariables } from './data-store-connection';
import { DataStoreEndpoints } from './data-store-endpoints';

/** The variables and secrets `variables` names for `endpoints`, in a stable order. */
export function dataStoreEnvironment(endpoints: DataStoreEndpoints, variables: DataStoreVariables): ContainerEnvironment {
  const values: Array<[string | undefined, string]> = [
    [variables.postgresHost, endpoints.postgresHost],
    [variables.postgresUser, endpoints.postgresUser],
    [variables.postgresDatabase, endpoints.postgresDatabase],
    [variables.postgresPort, Tokenization.stringifyNumber(endpoints.postgresPort ?? 5432)],
    [variables.redisHost, endpoints.redisHost],
    [variables.redisPort, Tokenization.stringifyNumber(endpoints.redisPort ?? 6379)],
    [variables.redisClusterMode, String(endpoints.redisClusterMode ?? false)],
    [variables.redisTls, String(endpoints.redisTls ?? false)],
  ];
  const secrets: Array<[string | undefined, ecs.Secret]> = [
    [variables.postgresPassword, ecs.Secret.fromSecretsManager(endpoints.postgresPassword, endpoints.postgresPasswordField)],
    [variables.redisPassword, ecs.Secret.fromSecretsManager(endpoints.redisPassword, endpoints.redisPasswordField)],
  ];
  return {
    environment: { ...named(values), ...variables.constants },
    secrets: named(secrets),
  };
}

function named<T>(entries: Array<[string | undefined, T]>): { [name: string]: T } {
  return Object.fromEntries(entries.filter((entry): entry is [string, T] => entry[0] !== undefined));
}
