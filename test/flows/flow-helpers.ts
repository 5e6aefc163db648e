/** Requests several discoverers share: reading a secret (and its key), writing to a log group, using a queue. */
import { Request } from './evaluate';
import { PolicyIndex } from './policy-index';
import { LoadedStack } from './templates';

/** `arn:...:secret:name-AbCdEf[:json-key:stage:version]` → the secret's ARN. */
export function secretArnOf(valueFrom: string): string {
  return valueFrom.split(':').slice(0, 7).join(':');
}

/** The customer-managed key of a resource's `property` (none for AWS-managed keys). */
export function keyOf(index: PolicyIndex, arn: string, property: string): string | undefined {
  const located = index.find(arn);
  const key = located?.resource.Properties?.[property];
  if (key === undefined) return undefined;
  const keyArn = located!.stack.resolver.str(key);
  if (keyArn.includes('alias/aws/')) return undefined;
  return keyArn.startsWith('arn:') ? keyArn : `arn:aws:kms:${located!.stack.env.region}:${located!.stack.env.account}:key/${keyArn}`;
}

/** GetSecretValue on `secretArn`, and Decrypt on its key through Secrets Manager. */
export function readSecret(index: PolicyIndex, who: string, principal: string, secretArn: string): Request[] {
  const requests: Request[] = [{ name: `${who} reads ${secretArn}`, principal, action: 'secretsmanager:GetSecretValue', resource: secretArn }];
  const keyArn = keyOf(index, secretArn, 'KmsKeyId');
  if (keyArn) {
    const region = secretArn.split(':')[3];
    requests.push({
      name: `${who} decrypts ${secretArn} with ${keyArn}`,
      principal,
      action: 'kms:Decrypt',
      resource: keyArn,
      context: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com`, 'kms:CallerAccount': principal.split(':')[4], 'kms:EncryptionContext:SecretARN': secretArn },
    });
  }
  return requests;
}

/** The ARN of a log group given by name in `stack`'s account and region. */
export function logGroupArn(stack: LoadedStack, name: string): string {
  return `arn:${stack.env.partition}:logs:${stack.env.region}:${stack.env.account}:log-group:${name}`;
}

/** CreateLogStream and PutLogEvents on a stream of the log group. */
export function writeLogs(who: string, principal: string, groupArn: string): Request[] {
  const stream = `${groupArn}:log-stream:flows/proof`;
  return ['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({ name: `${who} ${action} to ${groupArn}`, principal, action, resource: stream }));
}

/** SendMessage to a queue, and the key actions SQS needs for an SSE-KMS queue. */
export function sendToQueue(index: PolicyIndex, who: string, principal: string, queueArn: string, context: Record<string, string> = {}): Request[] {
  const requests: Request[] = [{ name: `${who} sends to ${queueArn}`, principal, action: 'sqs:SendMessage', resource: queueArn, context }];
  const keyArn = keyOf(index, queueArn, 'KmsMasterKeyId');
  for (const action of keyArn ? ['kms:GenerateDataKey', 'kms:Decrypt'] : []) {
    const via: Record<string, string> = principal.endsWith('.amazonaws.com') ? {} : { 'kms:ViaService': `sqs.${queueArn.split(':')[3]}.amazonaws.com` };
    requests.push({ name: `${who} ${action} on ${keyArn} for ${queueArn}`, principal, action, resource: keyArn!, context: { ...context, ...via } });
  }
  return requests;
}
