import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, hipaaAndNist } from '../../internal/acknowledge';
import { allowLogGroupPatternsToUseKey } from '../../internal/log-group-key-policy';
import { ManagedPolicyRole } from '../../internal/managed-policy-role';
import { assertIntegerInRange, assertMatches } from '../../internal/validation';
import { alarmsUseTopicKeyStatement, allowAlarmsToPublish, forwarderTopicArn, importForwarderTopic, TEAMS_ALARM_TOPIC_NAME } from '../forwarder-topic';
import { alarmedDeadLetterQueue, snsUsesQueueKeyStatement } from './dead-letter-queues';
import { DEFAULT_MAX_DELIVERY_ATTEMPTS, FORWARDER_ENV, FORWARDER_METRIC_NAMES, FORWARDER_METRICS_NAMESPACE, FORWARDER_SERVICE_NAME } from './forwarder-environment';
import { sendIntervalMs } from './rate-limiter';
import { TeamsForwarderFunction } from './teams-forwarder-function';

/** Properties of a `TeamsAlarmForwarder`. */
export interface TeamsAlarmForwarderProps {
  /**
   * The secret holding the Teams Workflows URL ("When a Teams webhook request
   * is received"): the URL itself or `{"url": "..."}`. The URL carries a
   * signature, so it lives only in the secret, never in the template or the
   * function's environment. It may be in another account or region (e.g. one
   * secret shared with the organisation); its key must then let this
   * account decrypt through Secrets Manager.
   */
  readonly webhookUrlSecret: secretsmanager.ISecret;
  /**
   * Name of the topic alarms publish to; other stacks import it by name.
   * @default TEAMS_ALARM_TOPIC_NAME ('glimpse-alarms-teams')
   */
  readonly topicName?: string;
  /**
   * Key for the topic, the dead-letter queues and the log group. A key of your
   * own must allow `cloudwatch.amazonaws.com` (alarm actions),
   * `sns.amazonaws.com` (the subscription's dead-letter queue) and
   * `logs.<region>.amazonaws.com` to use it.
   * @default - a new customer-managed key with rotation
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Concurrent executions, and so the number of parallel senders during an alarm storm.
   * @default 2
   */
  readonly reservedConcurrency?: number;
  /**
   * Requests a second the forwarder may send in total (Workflows answers 429
   * above a few a second). Each execution environment sends at most
   * `maxRequestsPerSecond / reservedConcurrency` a second.
   * @default 4
   */
  readonly maxRequestsPerSecond?: number;
  /**
   * How long a read of the webhook URL is cached in an execution environment.
   * @default Duration.minutes(5)
   */
  readonly webhookUrlCacheDuration?: Duration;
  /**
   * Retention of the function's log group.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * What happens to the key, dead-letter queue and log group when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Action of the alarm on the dead-letter queue's depth (e.g. a pager topic
   * that does not go through Teams).
   * @default - the forwarder's own topic: the channel hears about waiting messages once Teams answers again
   */
  readonly deadLetterAlarmAction?: cloudwatch.IAlarmAction;
  /**
   * The environment this account serves (e.g. "production"), shown under the
   * title of every card so that the on-call engineer sees where it happens.
   * @default - cards name the account id and region only
   */
  readonly environmentName?: string;
}

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
/** The card's subtitle keeps 32 characters of each part. */
const ENVIRONMENT_NAME = /^[^\r\n]{1,32}$/;
/**
 * IAM path of every forwarder role: the shared webhook secret's policy lets
 * only roles under this path read it, in any account of the organisation.
 */
export const TEAMS_FORWARDER_ROLE_PATH = '/glimpse/teams-alarm-forwarder/';
/** Powertools metrics namespace of the forwarder. */
export const TEAMS_FORWARDER_METRICS_NAMESPACE = FORWARDER_METRICS_NAMESPACE;

/**
 * Forwards CloudWatch alarm notifications to a Microsoft Teams channel
 * through a Workflows webhook: an encrypted SNS topic with a stable name →
 * a Node.js 22 ARM64 Lambda that posts Adaptive Cards, retries 429/5xx and
 * timeouts with backoff, and leaves what it cannot deliver in an encrypted
 * dead-letter queue with an alarm on its depth. Reserved concurrency and a
 * per-environment send interval keep it under Teams' rate limit.
 */
export class TeamsAlarmForwarder extends Construct {
  /**
   * The account's forwarder topic (same account and region as `scope`), imported by name.
   * @param topicName the forwarder's `topicName`; defaults to `TEAMS_ALARM_TOPIC_NAME`
   */
  public static fromTopicName(scope: Construct, id: string, topicName?: string): sns.ITopic {
    return importForwarderTopic(scope, id, topicName ?? TEAMS_ALARM_TOPIC_NAME);
  }

  /** The topic alarms publish to. */
  public readonly topic: sns.Topic;
  /** The forwarding function. */
  public readonly function: lambda.Function;
  /** Where notifications go that could not be delivered after Lambda's retries. */
  public readonly deadLetterQueue: sqs.Queue;
  /** In ALARM while the dead-letter queue holds messages. */
  public readonly deadLetterAlarm: cloudwatch.Alarm;
  /** Where SNS leaves notifications it could not hand to the function (the subscription's redrive policy). */
  public readonly subscriptionDeadLetterQueue: sqs.Queue;
  /** In ALARM while the subscription's dead-letter queue holds messages. */
  public readonly subscriptionDeadLetterAlarm: cloudwatch.Alarm;
  /** The key of the topic, queue and log group. */
  public readonly encryptionKey: kms.IKey;
  /** The function's log group. */
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: TeamsAlarmForwarderProps) {
    super(scope, id);
    const topicName = props.topicName ?? TEAMS_ALARM_TOPIC_NAME;
    assertMatches(this, 'topicName', topicName, TOPIC_NAME, 'Use up to 256 letters, digits, hyphens and underscores.');
    const concurrency = props.reservedConcurrency ?? 2;
    const perSecond = props.maxRequestsPerSecond ?? 4;
    assertIntegerInRange(this, 'reservedConcurrency', concurrency, 1, 20);
    assertIntegerInRange(this, 'maxRequestsPerSecond', perSecond, 1, 100);
    const cacheSeconds = (props.webhookUrlCacheDuration ?? Duration.minutes(5)).toSeconds();
    assertIntegerInRange(this, 'webhookUrlCacheDuration', cacheSeconds, 0, 3600);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    assertMatches(this, 'environmentName', props.environmentName, ENVIRONMENT_NAME, 'Use 1 to 32 characters on one line, e.g. \'production\'.');

    this.encryptionKey = props.encryptionKey ?? this.createKey(removalPolicy, forwarderTopicArn(this, topicName));
    this.topic = new sns.Topic(this, 'Topic', {
      topicName,
      displayName: 'CloudWatch alarms forwarded to Microsoft Teams',
      masterKey: this.encryptionKey,
      enforceSSL: true,
    });
    allowAlarmsToPublish(this.topic);
    const deadLetters = { encryptionKey: this.encryptionKey, removalPolicy };
    [this.deadLetterQueue, this.deadLetterAlarm] = alarmedDeadLetterQueue(this, {
      ...deadLetters,
      queueId: 'DeadLetterQueue',
      alarmId: 'DeadLetterAlarm',
      alarmName: `${topicName}-forwarder-dead-letters`,
      alarmDescription: 'Alarm notifications could not be delivered to Microsoft Teams and wait in the dead-letter queue. '
        + 'Check the forwarder\'s logs, fix the webhook secret, then redrive the queue.',
      noRedriveReason: 'This queue is the dead-letter queue of the forwarder function; a dead-letter queue needs none of its own.',
    });
    [this.subscriptionDeadLetterQueue, this.subscriptionDeadLetterAlarm] = alarmedDeadLetterQueue(this, {
      ...deadLetters,
      queueId: 'SubscriptionDeadLetterQueue',
      alarmId: 'SubscriptionDeadLetterAlarm',
      alarmName: `${topicName}-forwarder-undelivered`,
      alarmDescription: 'SNS could not invoke the Teams alarm forwarder (function deleted, throttled or not permitted): '
        + 'the notifications wait in the subscription\'s dead-letter queue. Fix the function, then redrive the queue.',
      noRedriveReason: 'This queue is the dead-letter queue of the forwarder topic\'s subscription; a dead-letter queue needs none of its own.',
    });
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: this.encryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy,
    });

    const role = new ManagedPolicyRole(this, 'Role', {
      path: TEAMS_FORWARDER_ROLE_PATH,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Teams alarm forwarder: write its logs, read the webhook secret, dead-letter failures',
    });
    this.logGroup.grantWrite(role);
    props.webhookUrlSecret.grantRead(role);
    const secretKey = props.webhookUrlSecret.encryptionKey;
    if (secretKey) {
      // grantRead cannot grant on a key of another (or a not-yet-known) account:
      // say it on the role, limited to use through Secrets Manager.
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [secretKey.keyArn],
        conditions: { StringLike: { 'kms:ViaService': 'secretsmanager.*.amazonaws.com' } },
      }));
    }
    // Lambda sends to the SSE-KMS queue with the function's role: exactly these two key actions.
    this.encryptionKey.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');

    this.function = new TeamsForwarderFunction(this, 'Function', {
      description: 'Forwards CloudWatch alarm notifications to Microsoft Teams as Adaptive Cards',
      role,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      // Room for the bounded retries (Retry-After waits included) before Lambda gives up.
      timeout: Duration.seconds(90),
      reservedConcurrentExecutions: concurrency,
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      deadLetterQueue: this.deadLetterQueue,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        [FORWARDER_ENV.webhookUrlSecretArn]: props.webhookUrlSecret.secretArn,
        [FORWARDER_ENV.webhookUrlCacheSeconds]: String(cacheSeconds),
        [FORWARDER_ENV.minSendIntervalMs]: String(sendIntervalMs(concurrency, perSecond)),
        [FORWARDER_ENV.maxDeliveryAttempts]: String(DEFAULT_MAX_DELIVERY_ATTEMPTS),
        ...(props.environmentName ? { [FORWARDER_ENV.environmentName]: props.environmentName } : {}),
        [FORWARDER_ENV.powertoolsServiceName]: FORWARDER_SERVICE_NAME,
        [FORWARDER_ENV.powertoolsMetricsNamespace]: FORWARDER_METRICS_NAMESPACE,
      },
    });
    acknowledge(this.function, ['AwsSolutions-L1'],
      'Node.js 22 is the organisation\'s Lambda runtime; the handler is bundled for node22 and moves with the library.');
    acknowledge(this.function, hipaaAndNist('LambdaInsideVPC'),
      'The forwarder only posts to the public Teams Workflows endpoint and reads Secrets Manager; '
      + 'it is deployed to every account, many without a VPC, and handles no customer data.');
    // The redrive policy also adds the queue policy: SNS may send, for this topic only.
    this.topic.addSubscription(new subscriptions.LambdaSubscription(this.function, { deadLetterQueue: this.subscriptionDeadLetterQueue }));

    // By default the alarms go to Teams too: a delivery failure is often transient,
    // and when Teams is back the channel learns that messages wait to be redriven.
    const deadLetterAction = props.deadLetterAlarmAction ?? new cloudwatchActions.SnsAction(this.topic);
    this.deadLetterAlarm.addAlarmAction(deadLetterAction);
    this.subscriptionDeadLetterAlarm.addAlarmAction(deadLetterAction);
  }

  /**
   * A metric the forwarder publishes (namespace `Glimpse/AlarmForwarder`,
   * dimension `service`), summed over 5 minutes unless `props` say otherwise.
   */
  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: FORWARDER_METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { service: FORWARDER_SERVICE_NAME },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
      ...props,
    });
  }

  /** Notifications delivered to Teams (a 2xx answer). */
  public metricDelivered(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(FORWARDER_METRIC_NAMES.delivered, props);
  }

  /**
   * Notifications that could not be delivered in one invocation. Lambda
   * retries each twice, then dead-letters it.
   */
  public metricDeliveryFailed(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(FORWARDER_METRIC_NAMES.deliveryFailed, props);
  }

  /** HTTP attempts of delivered notifications. Above `metricDelivered` when Teams throttled or failed. */
  public metricDeliveryAttempts(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(FORWARDER_METRIC_NAMES.deliveryAttempts, props);
  }

  /** Lets `grantee` publish to the topic (e.g. a role outside CloudWatch). */
  public grantPublish(grantee: iam.IGrantable): iam.Grant {
    return this.topic.grantPublish(grantee);
  }

  private createKey(removalPolicy: RemovalPolicy, topicArn: string): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: 'Teams alarm forwarder: topic, dead-letter queue and logs',
      enableKeyRotation: true,
      removalPolicy,
    });
    // CloudWatch alarm actions publish to an encrypted topic only if the key lets CloudWatch use it.
    key.addToResourcePolicy(alarmsUseTopicKeyStatement(this));
    key.addToResourcePolicy(snsUsesQueueKeyStatement(topicArn));
    allowLogGroupPatternsToUseKey(this, key, ['*']);
    return key;
  }
}
