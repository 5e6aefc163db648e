import { Stack } from 'aws-cdk-lib';
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
  return sns.Topic.fromTopicArn(scope, id, Stack.of(scope).formatArn({ service: 'sns', resource: topicName }));
}
