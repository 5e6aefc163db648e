import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../../internal/acknowledge';

/** What makes one alarmed dead-letter queue differ from another. */
export interface AlarmedDeadLetterQueueOptions {
  readonly queueId: string;
  readonly alarmId: string;
  readonly encryptionKey: kms.IKey;
  readonly removalPolicy: RemovalPolicy;
  /** Physical name of the alarm: alarm names are unique per account and region. */
  readonly alarmName: string;
  readonly alarmDescription: string;
  /** Why the queue has no dead-letter queue of its own (cdk-nag AwsSolutions-SQS3). */
  readonly noRedriveReason: string;
}

/**
 * An SSE-KMS queue that keeps what could not be delivered for 14 days, and an
 * alarm in ALARM while it holds any message. Both are children of `scope`
 * under the given ids (existing ids are a deployed contract).
 */
export function alarmedDeadLetterQueue(scope: Construct, options: AlarmedDeadLetterQueueOptions): [sqs.Queue, cloudwatch.Alarm] {
  const queue = new sqs.Queue(scope, options.queueId, {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: options.encryptionKey,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: options.removalPolicy,
  });
  acknowledge(queue, ['AwsSolutions-SQS3'], options.noRedriveReason);
  const alarm = new cloudwatch.Alarm(scope, options.alarmId, {
    alarmName: options.alarmName,
    alarmDescription: options.alarmDescription,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
    threshold: 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    // No datapoints means no messages: SQS publishes the metric for active queues only.
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  return [queue, alarm];
}

/**
 * The key-policy statement SNS needs to send to an SSE-KMS dead-letter queue
 * (a subscription's redrive policy): only on behalf of `topicArn`.
 */
export function snsUsesQueueKeyStatement(topicArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'TopicDeadLettersUseQueueKey',
    principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
    actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    resources: ['*'],
    conditions: { ArnEquals: { 'aws:SourceArn': topicArn } },
  });
}
