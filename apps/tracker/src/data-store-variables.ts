import { DataStoreVariables } from '@glimpse/standard-constructs';

/**
 * The variables the Tracker API reads its data stores from (its settings
 * module), and the Redis logical database of each purpose: cache 0, TaskiQ
 * tasks 1, health checks 2, notifications 3. Passwords are ECS secrets.
 * `SECRET_KEY` is the application's own secret, passed with the service's secrets.
 */
export const TRACKER_DATA_STORE_VARIABLES: DataStoreVariables = {
  postgresHost: 'POSTGRES_SERVER',
  postgresUser: 'POSTGRES_USER',
  postgresDatabase: 'POSTGRES_DB',
  postgresPort: 'POSTGRES_PORT',
  redisHost: 'REDIS_HOST',
  redisPort: 'REDIS_PORT',
  redisClusterMode: 'REDIS_CLUSTER_MODE',
  redisTls: 'REDIS_TLS_ENABLED',
  postgresPassword: 'POSTGRES_PASSWORD',
  redisPassword: 'REDIS_PASSWORD',
  constants: {
    // Seconds the API keeps cached responses.
    REDIS_CACHE_TTL: '3600',
    REDIS_CACHE_DB: '0',
    REDIS_TASKS_DB: '1',
    REDIS_HEALTH_DB: '2',
    REDIS_NOTIFICATIONS_DB: '3',
  },
};
