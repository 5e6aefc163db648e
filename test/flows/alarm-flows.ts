/**
 * Every alarm action of every stack: CloudWatch publishes to the action's
 * topic as `cloudwatch.amazonaws.com`, on behalf of the alarm (its ARN is
 * `aws:SourceArn`), and uses the topic's key to encrypt the message.
 */
import { Request } from './evaluate';
import { keyOf } from './flow-helpers';
import { PolicyIndex } from './policy-index';
import { arnOf } from './resource-types';

const ACTION_PROPERTIES = ['AlarmActions', 'OKActions', 'InsufficientDataActions'];

export function alarmActionRequests(index: PolicyIndex): Request[] {
  const requests: Request[] = [];
  for (const stack of index.stacks) {
    const alarms = [...stack.resources('AWS::CloudWatch::Alarm'), ...stack.resources('AWS::CloudWatch::CompositeAlarm')];
    for (const [logicalId, alarm] of alarms) {
      const alarmArn = arnOf(alarm, logicalId, stack.resolver);
      const actions = new Set(ACTION_PROPERTIES.flatMap((p) => (stack.resolver.resolve(alarm.Properties?.[p] ?? []) as string[])));
      const context = { 'aws:SourceArn': alarmArn, 'aws:SourceAccount': stack.env.account };
      for (const topicArn of [...actions].filter((a) => a.includes(':sns:'))) {
        const where = `${stack.name}/${logicalId} → ${topicArn}`;
        requests.push({ name: `alarm ${where}: sns:Publish`, principal: 'cloudwatch.amazonaws.com', action: 'sns:Publish', resource: topicArn, context });
        if (!index.find(topicArn)) throw new Error(`${where}: no loaded template declares the action's topic`);
        const keyArn = keyOf(index, topicArn, 'KmsMasterKeyId');
        for (const action of keyArn ? ['kms:GenerateDataKey', 'kms:Decrypt'] : []) {
          requests.push({ name: `alarm ${where}: ${action} on the topic's key`, principal: 'cloudwatch.amazonaws.com', action, resource: keyArn!, context });
        }
      }
    }
  }
  return requests;
}
