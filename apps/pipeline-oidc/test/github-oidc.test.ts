import { GlimpseCompliance, StandardTags, VERSION_CONTEXT_KEY } from '@glimpse/standard-constructs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../src/app';
import { DEPLOY_TARGETS, GITHUB_REPOSITORY } from '../src/config';
import { GithubOidcStack } from '../src/github-oidc-stack';

const VERSION = '0123456789abcdef0123456789abcdef01234567';
const app = buildApp(new App({ context: { [VERSION_CONTEXT_KEY]: VERSION } }));
const stacks = DEPLOY_TARGETS.map((target) =>
  [target.name, target, app.node.findChild(`GithubOidc${target.name}`) as GithubOidcStack] as const);
const templates = new Map(stacks.map(([name, , stack]) => [name, Template.fromStack(stack)]));

type Statement = { Action: string | string[]; Resource: string | string[] | object; Effect: string; Condition?: object; Principal?: object };

/** The statements of the managed policies attached to a role, by role logical id. */
function permissionsOf(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

/** Resolves `{ Fn::Join: ['', ['arn:', { Ref: 'AWS::Partition' }, ...]] }` to a plain aws-partition ARN. */
function arn(value: unknown): string {
  if (typeof value === 'string') return value;
  const [, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return parts.map((p) => (typeof p === 'string' ? p : 'aws')).join('');
}

describe.each(stacks)('GithubOidc%s', (name, target, stack) => {
  const template = templates.get(name)!;
  const roleId = (role: 'DeployRole' | 'DiffRole') => stack.getLogicalId(stack.node.findChild(role).node.defaultChild as any);

  test('lives in the target account, one GitHub OIDC provider with the STS audience', () => {
    expect(stack.account).toBe(target.account);
    template.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] });
  });

  test.each([
    ['DeployRole', `repo:${GITHUB_REPOSITORY}:environment:${target.githubEnvironment}`],
    ['DiffRole', `repo:${GITHUB_REPOSITORY}:pull_request`],
  ] as const)('%s trusts only %s, through the OIDC provider, for an hour at most', (role, subject) => {
    const properties = template.findResources('AWS::IAM::Role')[roleId(role)].Properties;
    expect(properties.MaxSessionDuration).toBe(3600);
    expect(properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Action: 'sts:AssumeRoleWithWebIdentity',
      Effect: 'Allow',
      Principal: { Federated: { Ref: expect.stringMatching(/^GithubProvider/) } }, // Ref of an OIDC provider is its ARN
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': subject } },
    }]);
  });

  test('the deploy role may only assume the CDK bootstrap roles of its account and regions', () => {
    const statements = permissionsOf(template, roleId('DeployRole'));
    expect(statements.map((s) => [s.Effect, s.Action])).toEqual([['Allow', 'sts:AssumeRole']]);
    const expected = target.regions.flatMap((region) => ['deploy', 'file-publishing', 'image-publishing', 'lookup']
      .map((role) => `arn:aws:iam::${target.account}:role/cdk-hnb659fds-${role}-role-${target.account}-${region}`));
    expect([statements[0].Resource].flat().map(arn)).toEqual(expected);
  });

  test('the pull-request role may only assume the read-only lookup role', () => {
    const statements = permissionsOf(template, roleId('DiffRole'));
    expect(statements.map((s) => [s.Effect, s.Action])).toEqual([['Allow', 'sts:AssumeRole']]);
    expect([statements[0].Resource].flat().map(arn)).toEqual(target.regions.map((region) =>
      `arn:aws:iam::${target.account}:role/cdk-hnb659fds-lookup-role-${target.account}-${region}`));
  });

  test('no inline policies, no access keys, nothing but the provider, two roles and their policies', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::AccessKey', 0);
    template.resourceCountIs('AWS::IAM::User', 0);
    expect(Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type).sort()).toEqual([
      'AWS::IAM::ManagedPolicy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::OIDCProvider', 'AWS::IAM::Role', 'AWS::IAM::Role',
    ]);
  });

  test('standard tags on every taggable resource', () => {
    expect(StandardTags.findUntagged(stack)).toEqual([]);
  });
});

test('one stack per account, each workflow environment its own account', () => {
  expect(new Set(DEPLOY_TARGETS.map((t) => t.account)).size).toBe(DEPLOY_TARGETS.length);
  expect(new Set(DEPLOY_TARGETS.map((t) => t.githubEnvironment)).size).toBe(DEPLOY_TARGETS.length);
});

test('an account that already has the GitHub provider reuses it', () => {
  const reuse = buildApp(new App({ context: { [VERSION_CONTEXT_KEY]: VERSION } }), [{ ...DEPLOY_TARGETS[0], existingOidcProvider: true }]);
  const template = Template.fromStack(reuse.node.findChild(`GithubOidc${DEPLOY_TARGETS[0].name}`) as GithubOidcStack);
  template.resourceCountIs('AWS::IAM::OIDCProvider', 0);
  const trust = Object.values(template.findResources('AWS::IAM::Role'))[0].Properties.AssumeRolePolicyDocument.Statement[0];
  expect(arn(trust.Principal.Federated)).toBe(`arn:aws:iam::${DEPLOY_TARGETS[0].account}:oidc-provider/token.actions.githubusercontent.com`);
});

test('passes AwsSolutions, HIPAA, NIST 800-53 rev 5 and the Glimpse pack with no acknowledgement', () => {
  const findings = GlimpseCompliance.packs(app).flatMap((pack) => pack.validateScope(app).violations);
  expect(findings).toEqual([]);
});
