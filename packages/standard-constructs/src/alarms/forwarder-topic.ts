import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/**
 * The name of the SNS topic the Teams forwarder listens on, in every account
 * and region: a contract between the platform-alarms StackSet and every stack
 * that sends alarms to Teams. Changing it breaks those stacks.
 */
export const TEAMS_ALARM_TOPIC_NAME = 'glimpse-alarms-teams';

/** Imports the account's Teams forwarder topic (same account and region as `scope`) by its name. */
export function importForwarderTopic(scope: Construct, id: string, topicName: string = TEAMS_ALARM_TOPIC_NAME): sns.ITopic {
  return sns.Topic.fromTopicArn(scope, id, forwarderTopicArn(scope, topicName));
}

/**
 * The topic's ARN from its name: a key policy created before the topic (the
 * topic is encrypted with that key) can name it without a dependency cycle.
 */
export function forwarderTopicArn(scope: Construct, topicName: string): string {
  return Stack.of(scope).formatArn({ service: 'sns', resource: topicName });
}

/**
 * Conditions that limit a `cloudwatch.amazonaws.com` statement to alarms of
 * the stack's own account and region (alarm actions must be in the alarm's
 * region), so no other account's alarm can use the topic or its key.
 */
function sameAccountAlarmConditions(scope: Construct): Record<string, Record<string, string>> {
  const stack = Stack.of(scope);
  return {
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
  };
}

/**
 * Lets the account's CloudWatch alarms publish to `topic`. A topic policy
 * replaces SNS's default policy, so without this statement every alarm
 * action fails with "not authorized to perform: SNS:Publish", visible only in
 * the alarm's history.
 */
export function allowAlarmsToPublish(topic: sns.Topic): void {
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AccountAlarmsPublish',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: sameAccountAlarmConditions(topic),
  }));
}

/** The key-policy statement that lets the account's alarms publish to a topic encrypted with the key. */
export function alarmsUseTopicKeyStatement(scope: Construct): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AccountAlarmsUseTopicKey',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: sameAccountAlarmConditions(scope),
  });
}

/** Lets CloudWatch alarms use a topic of your own (the Teams forwarder's topic does this itself). */
export class AlarmTopicAccess {
  /**
   * Adds the topic-policy statement that lets this account's alarms (in the
   * topic's region) publish. Needed by every topic with a resource policy,
   * e.g. one made with `enforceSSL`: such a policy replaces SNS's default,
   * and alarm actions then fail with "not authorized to perform: SNS:Publish".
   * An encrypted topic's key also needs `AlarmTopicAccess.keyStatement`.
   */
  public static allowAccountAlarms(topic: sns.Topic): void {
    allowAlarmsToPublish(topic);
  }

  /** The key-policy statement that lets this account's alarms publish to a topic encrypted with the key. */
  public static keyStatement(scope: Construct): iam.PolicyStatement {
    return alarmsUseTopicKeyStatement(scope);
  }

  private constructor() {}
}
