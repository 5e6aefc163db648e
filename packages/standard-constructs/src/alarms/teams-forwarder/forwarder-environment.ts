/**
 * The contract between the `TeamsAlarmForwarder` construct and its Lambda
 * handler: the environment variables the construct sets and the handler
 * reads, and the metrics the handler emits. Both sides import this module,
 * so a name cannot drift on one side only. Pure data: the handler bundle
 * imports it, so it must not import aws-cdk-lib.
 */
export const FORWARDER_ENV = {
  /** ARN of the secret holding the Teams Workflows URL. */
  webhookUrlSecretArn: 'WEBHOOK_URL_SECRET_ARN',
  /** Seconds a read of the webhook URL is cached. */
  webhookUrlCacheSeconds: 'WEBHOOK_URL_CACHE_SECONDS',
  /** Least milliseconds between two requests of one execution environment. */
  minSendIntervalMs: 'MIN_SEND_INTERVAL_MS',
  /** Attempts per message, the first included. */
  maxDeliveryAttempts: 'MAX_DELIVERY_ATTEMPTS',
  /** The environment the account serves (e.g. "production"), shown on every card; empty for none. */
  environmentName: 'ALARM_ENVIRONMENT_NAME',
  /** Read by Powertools: the `service` dimension of every metric. */
  powertoolsServiceName: 'POWERTOOLS_SERVICE_NAME',
  /** Read by Powertools: the CloudWatch namespace of the metrics. */
  powertoolsMetricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
} as const;

/** The `service` dimension Powertools puts on every metric of the forwarder. */
export const FORWARDER_SERVICE_NAME = 'teams-alarm-forwarder';

/** CloudWatch namespace of the forwarder's metrics. */
export const FORWARDER_METRICS_NAMESPACE = 'Glimpse/AlarmForwarder';

/** Metrics the handler emits, one datapoint per SNS record (unit Count). */
export const FORWARDER_METRIC_NAMES = {
  /** A card reached Teams (2xx). */
  delivered: 'Delivered',
  /** HTTP attempts a delivered card needed (1 when Teams took it at once). */
  deliveryAttempts: 'DeliveryAttempts',
  /** A notification could not be delivered; Lambda retries it, then dead-letters it. */
  deliveryFailed: 'DeliveryFailed',
} as const;

/** Attempts per message when the construct is not told otherwise. */
export const DEFAULT_MAX_DELIVERY_ATTEMPTS = 6;
