import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { createForwarder } from './forwarder';
import { MinIntervalLimiter } from './rate-limiter';
import { secretRegion, webhookUrlFromSecret } from './webhook-url';

// Created once per execution environment: the secret cache and the rate
// limiter's clock survive between invocations.
const secretArn = requiredEnv('WEBHOOK_URL_SECRET_ARN');
const cacheSeconds = Number(process.env.WEBHOOK_URL_CACHE_SECONDS ?? '300');
const secrets = new SecretsProvider({ clientConfig: { region: secretRegion(secretArn) } });

export const handler = createForwarder({
  webhookUrl: async () => webhookUrlFromSecret(await secrets.get(secretArn, { maxAge: cacheSeconds })),
  logger: new Logger(),
  metrics: new Metrics(),
  limiter: new MinIntervalLimiter(Number(process.env.MIN_SEND_INTERVAL_MS ?? '500')),
  region: process.env.AWS_REGION ?? 'us-east-1',
  delivery: {
    maxAttempts: Number(process.env.MAX_DELIVERY_ATTEMPTS ?? '6'),
    baseDelayMs: 500,
    maxDelayMs: 20_000,
    requestTimeoutMs: 10_000,
  },
});

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
