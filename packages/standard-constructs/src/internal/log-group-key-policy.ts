import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';

/** Log group name patterns each key already lets CloudWatch Logs use it for. */
const COVERED = new WeakMap<kms.IKey, RegExp[]>();

/**
 * The key policy statement that lets CloudWatch Logs of this region use a key
 * for the log groups named (or matched, with `*` wildcards) by `names`: the
 * log group ARN is the encryption context CloudWatch Logs passes to KMS.
 * Log groups are named rather than referenced so that the key policy does not
 * depend on log groups that depend on the key.
 */
export function logGroupKeyStatement(scope: IConstruct, names: string[], sid?: string): iam.PolicyStatement {
  const stack = Stack.of(scope);
  const arns = names.map((resourceName) => stack.formatArn({
    service: 'logs', resource: 'log-group', resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  }));
  const operator = names.some((name) => name.includes('*')) ? 'ArnLike' : 'ArnEquals';
  return new iam.PolicyStatement({
    sid,
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { [operator]: { 'kms:EncryptionContext:aws:logs:arn': arns.length === 1 ? arns[0] : arns } },
  });
}

/**
 * Lets CloudWatch Logs use `key` for the log groups `patterns` match, and
 * remembers them: `allowLogGroupToUseKey` then adds nothing for a log group
 * already covered, instead of one redundant statement per log group.
 */
export function allowLogGroupPatternsToUseKey(scope: IConstruct, key: kms.IKey, patterns: string[], sid?: string): void {
  key.addToResourcePolicy(logGroupKeyStatement(scope, patterns, sid));
  COVERED.set(key, [...COVERED.get(key) ?? [], ...patterns.map(globToRegExp)]);
}

/**
 * Lets CloudWatch Logs use `key` for one log group, unless the key policy
 * already allows it through a pattern. A no-op for imported keys, whose
 * policy is managed elsewhere.
 */
export function allowLogGroupToUseKey(scope: IConstruct, key: kms.IKey, logGroupName: string): void {
  if ((COVERED.get(key) ?? []).some((pattern) => pattern.test(logGroupName))) return;
  allowLogGroupPatternsToUseKey(scope, key, [logGroupName]);
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}
