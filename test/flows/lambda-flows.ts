/**
 * Lambda paths: SNS invokes each subscribed function and dead-letters to each
 * subscription's redrive queue; each function reads the secrets its
 * environment names, writes its log group and sends to its dead-letter queue.
 */
import { Request } from './evaluate';
import { logGroupArn, readSecret, sendToQueue, writeLogs } from './flow-helpers';
import { PolicyIndex } from './policy-index';

export function snsSubscriptionRequests(index: PolicyIndex): Request[] {
  return index.stacks.flatMap((stack) => stack.resources('AWS::SNS::Subscription').flatMap(([id, sub]) => {
    const p = stack.resolver.resolve(sub.Properties) as { Protocol: string; Endpoint: string; TopicArn: string; RedrivePolicy?: { deadLetterTargetArn: string } };
    const context = { 'aws:SourceArn': p.TopicArn, 'aws:SourceAccount': stack.env.account };
    const who = `SNS ${p.TopicArn} (${stack.name}/${id})`;
    const requests: Request[] = [];
    if (p.Protocol === 'lambda') {
      requests.push({ name: `${who} invokes ${p.Endpoint}`, principal: 'sns.amazonaws.com', action: 'lambda:InvokeFunction', resource: p.Endpoint, context });
    }
    if (p.RedrivePolicy) requests.push(...sendToQueue(index, `${who} dead-letters`, 'sns.amazonaws.com', p.RedrivePolicy.deadLetterTargetArn, context));
    return requests;
  }));
}

export function lambdaFunctionRequests(index: PolicyIndex): Request[] {
  return index.stacks.flatMap((stack) => stack.resources('AWS::Lambda::Function').flatMap(([id, fn]) => {
    const p = stack.resolver.resolve(fn.Properties) as {
      Role: string; DeadLetterConfig?: { TargetArn: string }; LoggingConfig?: { LogGroup?: string };
      Environment?: { Variables?: Record<string, string> };
    };
    const who = `${stack.name}/${id} role`;
    const requests: Request[] = [];
    for (const value of Object.values(p.Environment?.Variables ?? {})) {
      if (/^arn:[^:]+:secretsmanager:/.test(value)) requests.push(...readSecret(index, who, p.Role, value));
    }
    if (p.DeadLetterConfig) requests.push(...sendToQueue(index, `${who} dead-letters`, p.Role, p.DeadLetterConfig.TargetArn));
    if (p.LoggingConfig?.LogGroup) requests.push(...writeLogs(who, p.Role, logGroupArn(stack, p.LoggingConfig.LogGroup)));
    return requests;
  }));
}

/** Secrets a function reads from another account: shared secrets whose readers the secret's own policy must limit. */
export function sharedSecretsReadByFunctions(index: PolicyIndex): Array<{ secretArn: string; readers: string[] }> {
  const readers = new Map<string, Set<string>>();
  for (const stack of index.stacks) {
    for (const [, fn] of stack.resources('AWS::Lambda::Function')) {
      const p = stack.resolver.resolve(fn.Properties) as { Role: string; Environment?: { Variables?: Record<string, string> } };
      for (const value of Object.values(p.Environment?.Variables ?? {})) {
        if (!/^arn:[^:]+:secretsmanager:/.test(value) || value.split(':')[4] === stack.env.account) continue;
        const set = readers.get(value) ?? new Set<string>();
        set.add(p.Role);
        readers.set(value, set);
      }
    }
  }
  return [...readers].map(([secretArn, roles]) => ({ secretArn, readers: [...roles] }));
}
