import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { createForwarder } from './forwarder';
import { FORWARDER_ENV } from './forwarder-environment';
import { MinIntervalLimiter } from './rate-limiter';
import { secretRegion, webhookUrlFromSecret } from './webhook-url';

// Created once per execution environment: the secret cache and the rate
// limiter's clock survive between invocations. Every variable is set by the
// TeamsAlarmForwarder construct; a missing one fails the cold start loudly.
const secretArn = requiredEnv(FORWARDER_ENV.webhookUrlSecretArn);
const cacheSeconds = numberEnv(FORWARDER_ENV.webhookUrlCacheSeconds);
const secrets = new SecretsProvider({ clientConfig: { region: secretRegion(secretArn) } });

export const handler = createForwarder({
  webhookUrl: async () => webhookUrlFromSecret(await secrets.get(secretArn, { maxAge: cacheSeconds })),
  logger: new Logger(),
  metrics: new Metrics(),
  limiter: new MinIntervalLimiter(numberEnv(FORWARDER_ENV.minSendIntervalMs)),
  region: process.env.AWS_REGION ?? 'us-east-1',
  environmentName: process.env[FORWARDER_ENV.environmentName] || undefined,
  delivery: {
    maxAttempts: numberEnv(FORWARDER_ENV.maxDeliveryAttempts),
    baseDelayMs: 500,
    maxDelayMs: 20_000,
    requestTimeoutMs: 10_000,
  },
});

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

function numberEnv(name: string): number {
  const value = Number(requiredEnv(name));
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} is not a number: ${process.env[name]}`);
  return value;
}
