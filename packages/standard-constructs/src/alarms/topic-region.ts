import { Stack, Token } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { invalidProp } from '../internal/validation';

/**
 * Rejects a topic in another region than `scope`'s stack: CloudWatch sends
 * alarm actions only to topics in the alarm's own region, and accepts such
 * an alarm at deploy time only to fail every notification. A region that is
 * a token (an environment-agnostic stack or topic) cannot be compared: allowed.
 */
export function assertTopicInRegion(scope: IConstruct, prop: string, topic: sns.ITopic): void {
  const stackRegion = Stack.of(scope).region;
  const topicRegion = topic.env.region;
  if (Token.isUnresolved(stackRegion) || Token.isUnresolved(topicRegion) || stackRegion === topicRegion) return;
  throw invalidProp(scope, prop, `is in ${topicRegion}, but the alarms are in ${stackRegion}`,
    `CloudWatch sends alarm actions only to a topic in the alarm's region: use a topic in ${stackRegion} `
    + '(the Teams forwarder topic exists in every region platform-alarms deploys to), or create these alarms in a stack in '
    + `${topicRegion}.`);
}
