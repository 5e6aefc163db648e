/**
 * What each EC2 host does at boot and run time, read from its user data and
 * the SSM parameters it names: it reads those parameters, then every S3
 * object (s3:// URL), secret (ARN), log group and metrics namespace they
 * name, as the instance's role (a bucket it names by name: list, read, write).
 */
import { Request } from './evaluate';
import { logGroupArn, readSecret, writeLogs } from './flow-helpers';
import { PolicyIndex } from './policy-index';
import { LoadedStack } from './templates';

export interface Host {
  readonly stack: LoadedStack;
  readonly logicalId: string;
  readonly roleArn: string;
  /** The user data and the values of the SSM parameters it names, resolved. */
  readonly configuration: string;
  readonly requests: Request[];
}

function instanceRole(stack: LoadedStack, profileName: string): string {
  const profile = stack.resources('AWS::IAM::InstanceProfile').find(([id]) => stack.resolver.ref(id) === profileName);
  if (!profile) throw new Error(`${stack.name}: no instance profile ${profileName}`);
  const roleName = stack.resolver.str((profile[1].Properties!.Roles as unknown[])[0]);
  const role = stack.resources('AWS::IAM::Role').find(([id]) => stack.resolver.ref(id) === roleName)!;
  return stack.resolver.getAtt(role[0], 'Arn');
}

export function hosts(index: PolicyIndex): Host[] {
  return index.stacks.flatMap((stack) => stack.resources('AWS::EC2::Instance').flatMap(([id, instance]) => {
    const props = instance.Properties!;
    if (!props.IamInstanceProfile || !props.UserData) return [];
    const r = stack.resolver;
    const roleArn = instanceRole(stack, r.str(props.IamInstanceProfile));
    const userData = r.str((props.UserData as { 'Fn::Base64': unknown })['Fn::Base64']);
    const who = `${stack.name}/${id} host role`;
    const requests: Request[] = [];
    let configuration = userData;
    for (const [paramId, param] of stack.resources('AWS::SSM::Parameter')) {
      const name = r.ref(paramId);
      if (!userData.includes(name)) continue;
      const arn = r.getAtt(paramId, 'Arn');
      requests.push({ name: `${who} ssm:GetParameter ${arn}`, principal: roleArn, action: 'ssm:GetParameter', resource: arn });
      configuration += `\n${r.str(param.Properties!.Value)}`;
    }
    for (const [, bucket, key] of configuration.matchAll(/s3:\/\/([a-z0-9.-]+)\/([^\s"']+)/g)) {
      requests.push({ name: `${who} s3:GetObject s3://${bucket}/${key}`, principal: roleArn, action: 's3:GetObject', resource: `arn:aws:s3:::${bucket}/${key}` });
    }
    for (const [secretArn] of configuration.matchAll(/arn:aws:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+/g)) {
      requests.push(...readSecret(index, who, roleArn, secretArn));
    }
    for (const [groupId] of stack.resources('AWS::Logs::LogGroup')) {
      if (new RegExp(`=${escape(r.ref(groupId))}$`, 'm').test(configuration)) requests.push(...writeLogs(who, roleArn, logGroupArn(stack, r.ref(groupId))));
    }
    // A bucket the configuration names (a backup repository): the host lists it, writes and reads objects
    // in it, under its own pgBackRest stanza's prefixes when the configuration names a stanza.
    for (const [bucketId] of stack.resources('AWS::S3::Bucket')) {
      const bucket = r.ref(bucketId);
      if (!new RegExp(`=${escape(bucket)}$`, 'm').test(configuration)) continue;
      const arn = `arn:${stack.env.partition}:s3:::${bucket}`;
      for (const prefix of repositoryPrefixes(configuration)) {
        requests.push({ name: `${who} s3:ListBucket ${arn} ${prefix}`, principal: roleArn, action: 's3:ListBucket', resource: arn, context: { 's3:prefix': prefix } });
        for (const action of ['s3:PutObject', 's3:GetObject']) {
          requests.push({ name: `${who} ${action} ${arn}/${prefix}flows-proof`, principal: roleArn, action, resource: `${arn}/${prefix}flows-proof` });
        }
      }
    }
    for (const [, namespace] of configuration.matchAll(/^[A-Z_]*NAMESPACE=(.+)$/gm)) {
      requests.push({ name: `${who} cloudwatch:PutMetricData to ${namespace}`, principal: roleArn, action: 'cloudwatch:PutMetricData', resource: '*', context: { 'cloudwatch:namespace': namespace } });
    }
    return [{ stack, logicalId: id, roleArn, configuration, requests }];
  }));
}

/**
 * Where a host writes in a repository it names: pgBackRest's archive and
 * backup prefixes of its own stanza (`PGBACKREST_STANZA`, under the repository
 * path), or anywhere when the configuration names no stanza.
 */
function repositoryPrefixes(configuration: string): string[] {
  const stanza = /^PGBACKREST_STANZA=(.+)$/m.exec(configuration)?.[1];
  if (!stanza) return [''];
  const root = (/^PGBACKREST_OPTION_repo1-path=\/?(.+)$/m.exec(configuration)?.[1] ?? 'pgbackrest').replace(/\/$/, '');
  return ['archive', 'backup'].map((kind) => `${root}/${kind}/${stanza}/`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
