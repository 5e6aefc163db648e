/**
 * Requests that must be denied, built from the same discovery as the allowed
 * flows, so a new repository, secret or topic is covered without an edit.
 */
import { imageRepository, taskDefinitions } from './container-flows';
import { accountOfArn, Request } from './evaluate';
import { hosts } from './data-host-flows';
import { sharedSecretsReadByFunctions } from './lambda-flows';
import { PolicyIndex } from './policy-index';
import { MEMBER_ACCOUNT } from './templates';
import { administrator, OUTSIDER_ACCOUNT } from './world';

/** Accounts whose tasks pull from a registry repository may not push to it, not even their administrators. */
export function pullOnlyPushRequests(index: PolicyIndex): Request[] {
  const pairs = new Set<string>();
  for (const td of taskDefinitions(index)) {
    for (const c of td.containers) {
      const repo = imageRepository(c.Image);
      if (repo && td.executionRole && accountOfArn(repo) !== td.stack.env.account) pairs.add(`${td.stack.env.account} ${repo}`);
    }
  }
  return [...pairs].map((pair) => {
    const [account, repo] = pair.split(' ');
    const admin = administrator(account);
    return { name: `pull-only account ${account} administrator ecr:PutImage ${repo}`, principal: admin.arn, identityPolicies: admin.identityPolicies, action: 'ecr:PutImage', resource: repo };
  });
}

/** No account outside the organisation and the lists pulls from any repository with a cross-account policy. */
export function outsiderPullRequests(index: PolicyIndex): Request[] {
  const admin = administrator(OUTSIDER_ACCOUNT);
  return index.all('AWS::ECR::Repository').filter((repo) => index.resourcePolicy(repo.arn)).map((repo) => ({
    name: `outside account ${OUTSIDER_ACCOUNT} ecr:BatchGetImage ${repo.arn}`, principal: admin.arn, identityPolicies: admin.identityPolicies, action: 'ecr:BatchGetImage', resource: repo.arn,
  }));
}

/**
 * A secret functions read from other accounts (the Teams webhook URL) is read
 * by those functions' roles only: not by the administrators of its own
 * account, of a member account, or of an outside account, nor by another
 * role in the reading account.
 */
export function sharedSecretOtherReaderRequests(index: PolicyIndex): Request[] {
  return sharedSecretsReadByFunctions(index).flatMap(({ secretArn, readers }) => {
    const readerAccount = accountOfArn(readers[0]);
    const others = [administrator(accountOfArn(secretArn)), administrator(MEMBER_ACCOUNT), administrator(readerAccount), administrator(OUTSIDER_ACCOUNT)];
    return others.map((admin) => ({
      name: `${admin.arn} secretsmanager:GetSecretValue ${secretArn}`, principal: admin.arn, identityPolicies: admin.identityPolicies, action: 'secretsmanager:GetSecretValue', resource: secretArn,
    }));
  });
}

/** Every topic with a policy refuses a publish over plain HTTP, even from CloudWatch. */
export function plainHttpPublishRequests(index: PolicyIndex): Request[] {
  return index.all('AWS::SNS::Topic').filter((topic) => index.resourcePolicy(topic.arn)).map((topic) => ({
    name: `cloudwatch.amazonaws.com sns:Publish ${topic.arn} without TLS`,
    principal: 'cloudwatch.amazonaws.com',
    action: 'sns:Publish',
    resource: topic.arn,
    secureTransport: false,
    context: { 'aws:SourceAccount': topic.stack.env.account, 'aws:SourceArn': `arn:aws:cloudwatch:${topic.stack.env.region}:${topic.stack.env.account}:alarm:any` },
  }));
}

/** Each host's secrets are read by the host only: every other role of its stack, with its own policies, is refused. */
export function hostSecretOtherRoleRequests(index: PolicyIndex): Request[] {
  const tds = taskDefinitions(index);
  return hosts(index).flatMap((host) => {
    const secrets = host.requests.filter((r) => r.action === 'secretsmanager:GetSecretValue').map((r) => r.resource);
    const roles = host.stack.resources('AWS::IAM::Role').map(([id]) => host.stack.resolver.getAtt(id, 'Arn')).filter((arn) => arn !== host.roleArn);
    return secrets.flatMap((secret) => roles
      // A task that declares the secret in its container definition reads it by design (through its execution role).
      .filter((role) => !tds.some((td) => td.executionRole === role && td.containers.some((c) => (c.Secrets ?? []).some((s) => s.ValueFrom.startsWith(secret)))))
      .map((role) => ({ name: `${role} secretsmanager:GetSecretValue ${secret}`, principal: role, action: 'secretsmanager:GetSecretValue', resource: secret })));
  });
}
