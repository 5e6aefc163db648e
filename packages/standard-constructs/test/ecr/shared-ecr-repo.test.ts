import { App, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { GlimpseAccounts, SharedEcrRepo, SharedEcrRepoProps } from '../../src';
import { nagFindings } from '../nag';

const DEV = '111111111111';
const STAGING = '222222222222';
const PRODUCTION = '333333333333';
const PULL = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

function registryStack(): Stack {
  return new Stack(new App(), 'Registry', { env: { account: GlimpseAccounts.SHARED_REGISTRY, region: 'eu-west-2' } });
}

function build(props: Partial<SharedEcrRepoProps> = {}): { stack: Stack; repo: SharedEcrRepo; readonly template: Template } {
  const stack = registryStack();
  const repo = new SharedEcrRepo(stack, 'Api', {
    service: 'tracker',
    app: 'api',
    pullAccounts: [STAGING, PRODUCTION],
    pushAccounts: [DEV],
    ...props,
  });
  return { stack, repo, get template() { return Template.fromStack(stack); } };
}

const accountRoot = (account: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:root`]] });

describe('SharedEcrRepo', () => {
  // AES-256 is ECR's default, so CloudFormation gets no EncryptionConfiguration.
  test('defaults: immutable tags, scan on push, AWS-managed AES-256, retained', () => {
    const { template } = build();
    template.hasResource('AWS::ECR::Repository', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        RepositoryName: 'tracker/api',
        ImageTagMutability: 'IMMUTABLE',
        ImageScanningConfiguration: { ScanOnPush: true },
        EncryptionConfiguration: Match.absent(),
      }),
    });
  });

  test('repository policy: read-only pull for workload accounts, push for dev', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ECR::Repository', {
      RepositoryPolicyText: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'CrossAccountPull', Effect: 'Allow', Action: PULL, Principal: { AWS: [accountRoot(STAGING), accountRoot(PRODUCTION)] } },
          {
            Sid: 'CrossAccountPush',
            Effect: 'Allow',
            Action: [...PULL, 'ecr:CompleteLayerUpload', 'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart'],
            Principal: { AWS: accountRoot(DEV) },
          },
        ],
      },
    });
  });

  test('organisation-wide pull is conditioned on aws:PrincipalOrgID', () => {
    const { template } = build({ pullAccounts: [], pushAccounts: [], pullOrganizationId: 'o-abcdef1234' });
    template.hasResourceProperties('AWS::ECR::Repository', {
      RepositoryPolicyText: {
        Version: '2012-10-17',
        Statement: [{
          Sid: 'OrganizationPull',
          Effect: 'Allow',
          Action: PULL,
          Principal: { AWS: '*' },
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdef1234' } },
        }],
      },
    });
  });

  test('a CI role can push', () => {
    const stack = registryStack();
    const ci = iam.Role.fromRoleArn(stack, 'Ci', `arn:aws:iam::${DEV}:role/github-ci`);
    new SharedEcrRepo(stack, 'Api', { repositoryName: 'tracker/api', pushPrincipals: [ci] });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', {
      RepositoryPolicyText: {
        Statement: [Match.objectLike({ Sid: 'CrossAccountPush', Principal: { AWS: `arn:aws:iam::${DEV}:role/github-ci` } })],
      },
    });
  });

  test('Lambda pull is limited to functions of the given accounts', () => {
    const { template } = build({ lambdaPullAccounts: [STAGING] });
    template.hasResourceProperties('AWS::ECR::Repository', {
      RepositoryPolicyText: {
        Statement: Match.arrayWith([{
          Sid: 'LambdaPull',
          Effect: 'Allow',
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          Principal: { Service: 'lambda.amazonaws.com' },
          Condition: {
            StringLike: {
              'aws:sourceArn': [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:lambda:*:${STAGING}:function:*`]] }],
            },
          },
        }]),
      },
    });
  });

  test('mutable tag patterns become exclusion filters on an otherwise immutable repository', () => {
    const { template } = build({ mutableTagPatterns: ['sha256-*'] });
    template.hasResourceProperties('AWS::ECR::Repository', {
      ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      ImageTagMutabilityExclusionFilters: [{ ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'sha256-*' }],
    });
  });

  test('a customer-managed key encrypts images and pull/push accounts may decrypt through it', () => {
    const stack = registryStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new SharedEcrRepo(stack, 'Api', { service: 'tracker', app: 'api', pullAccounts: [STAGING], pushAccounts: [DEV], encryptionKey: key });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECR::Repository', {
      EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'kms:Decrypt', Principal: { AWS: accountRoot(STAGING) } }),
          Match.objectLike({ Action: 'kms:Decrypt', Principal: { AWS: accountRoot(DEV) } }),
        ]),
      },
    });
  });

  test('removal policy can be overridden', () => {
    const { template } = build({ removalPolicy: RemovalPolicy.DESTROY });
    template.hasResource('AWS::ECR::Repository', { DeletionPolicy: 'Delete' });
  });

  test('grantPull and grantPush give in-account principals exactly the ECR actions', () => {
    const { stack, repo } = build();
    const puller = new iam.Role(stack, 'Puller', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const pusher = new iam.Role(stack, 'Pusher', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    repo.grantPull(puller);
    repo.grantPush(pusher);
    const template = Template.fromStack(stack);
    const repoArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiRepository'), 'Arn'] };
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Puller') }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          Resource: repoArn,
        })]),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Pusher') }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ecr:PutImage']), Resource: repoArn })]),
      },
    });
  });

  test('URI helpers validate tags and digests', () => {
    const { stack, repo } = build();
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(JSON.stringify(stack.resolve(repo.uriForTag('0123abc')))).toMatch(/\{"Ref":"ApiRepository[0-9A-F]+"\},":0123abc"\]\]\}$/);
    expect(JSON.stringify(stack.resolve(repo.uriForDigest(digest)))).toContain(`@${digest}`);
    expect(() => repo.uriForTag('-bad')).toThrow(/invalid `tag`/);
    expect(() => repo.uriForDigest('sha256:xyz')).toThrow(/invalid `digest`.*64 lowercase hex/);
  });

  test('is clean under AwsSolutions, HIPAA and NIST 800-53 rev 5', () => {
    // The nag stack is in the dev account, so the push account here is another one.
    expect(nagFindings((stack) => new SharedEcrRepo(stack, 'Api', { service: 'tracker', app: 'api', pullAccounts: [STAGING], pushAccounts: [PRODUCTION] }))).toEqual([]);
  });

  test('the repository policy holds the four kinds of access and nothing else, and the stack one repository', () => {
    const { template } = build({ lambdaPullAccounts: [STAGING], pullOrganizationId: 'o-abcdef1234' });
    const [repo] = Object.values(template.findResources('AWS::ECR::Repository'));
    const statements = repo.Properties.RepositoryPolicyText.Statement;
    expect(statements.map((s: { Sid: string }) => s.Sid)).toEqual(['CrossAccountPull', 'OrganizationPull', 'CrossAccountPush', 'LambdaPull']);
    expect(statements.every((s: { Effect: string }) => s.Effect === 'Allow')).toBe(true);
    expect(Object.keys(template.toJSON().Resources)).toHaveLength(1);
  });

  test('the registry\'s own account cannot be a pull or push account', () => {
    expect(() => build({ pullAccounts: [GlimpseAccounts.SHARED_REGISTRY] }))
      .toThrow('Registry/Api: invalid `pullAccounts`: 636728427214 is the registry\'s own account. List other accounts only; principals of the registry account get access through their IAM policies, e.g. `grantPull()`/`grantPush()`.');
    expect(() => build({ pushAccounts: [GlimpseAccounts.SHARED_REGISTRY] })).toThrow(/invalid `pushAccounts`: 636728427214 is the registry's own account/);
  });

  test('an environment-agnostic registry stack cannot tell its own account, and accepts any account', () => {
    const stack = new Stack(new App(), 'Agnostic');
    expect(() => new SharedEcrRepo(stack, 'Api', { service: 'tracker', app: 'api', pullAccounts: [GlimpseAccounts.SHARED_REGISTRY] })).not.toThrow();
  });

  describe('rejects bad input', () => {
    test.each<[string, Partial<SharedEcrRepoProps>, RegExp]>([
      ['no name', { service: undefined, app: undefined }, /invalid `service`.*Pass both `service` and `app`/],
      ['name and parts', { repositoryName: 'tracker/api' }, /invalid `repositoryName`.*either `repositoryName` or both/],
      ['name without a slash', { service: undefined, app: undefined, repositoryName: 'tracker-api' }, /not of the form <service>\/<app>/],
      ['nested name', { service: undefined, app: undefined, repositoryName: 'a/b/c' }, /not of the form <service>\/<app>/],
      ['uppercase service', { service: 'Tracker' }, /invalid `service`.*not a valid ECR name component/],
      ['bad app characters', { app: 'api--v2_' }, /invalid `app`/],
      ['malformed pull account', { pullAccounts: ['12345'] }, /invalid `pullAccounts`.*exactly 12 digits/],
      ['malformed push account', { pushAccounts: ['abcdefghijkl'] }, /invalid `pushAccounts`/],
      ['malformed lambda account', { lambdaPullAccounts: ['1'] }, /invalid `lambdaPullAccounts`/],
      ['push account also pull-only', { pullAccounts: [STAGING, DEV] }, /111111111111 also listed in `pushAccounts`/],
      ['malformed organisation id', { pullOrganizationId: 'org-123' }, /invalid `pullOrganizationId`.*o-a1b2c3d4e5/],
      ['a mutable tag pattern with a space', { mutableTagPatterns: ['release *'] },
        /^Registry\/Api: invalid `mutableTagPatterns`: got 'release \*'. A pattern is 1 to 128 letters/],
      ['an empty mutable tag pattern', { mutableTagPatterns: [''] }, /invalid `mutableTagPatterns`: got ''/],
      ['six mutable tag patterns', { mutableTagPatterns: ['a*', 'b*', 'c*', 'd*', 'e*', 'f*'] },
        /^Registry\/Api: invalid `mutableTagPatterns`: 6 patterns. ECR accepts at most 5/],
      ['a token image count (it is written into the lifecycle policy text)', { maxImageCount: Lazy.number({ produce: () => 30 }) },
        /^Registry\/Api: invalid `maxImageCount`: got an unresolved token. Give a literal number/],
    ])('%s', (_name, props, message) => {
      expect(() => build(props)).toThrow(message);
    });
  });
});

describe('SharedEcrRepo.fromServiceApp', () => {
  const workload = () => new Stack(new App(), 'Workload', { env: { account: STAGING, region: 'eu-west-2' } });

  test('imports <service>/<app> from the shared registry account: the image URI names the registry', () => {
    const stack = workload();
    const repo = SharedEcrRepo.fromServiceApp(stack, 'ApiRepo', { service: 'tracker', app: 'api' });
    expect(repo.repositoryArn).toBe('arn:aws:ecr:eu-west-2:636728427214:repository/tracker/api');
    expect(repo.repositoryName).toBe('tracker/api');
    expect(JSON.stringify(stack.resolve(repo.repositoryUriForTag('4f3ebae')))).toBe(
      JSON.stringify({ 'Fn::Join': ['', ['636728427214.dkr.ecr.eu-west-2.', { Ref: 'AWS::URLSuffix' }, '/tracker/api:4f3ebae']] }));
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
  });

  test('another registry account and region can be given', () => {
    const repo = SharedEcrRepo.fromServiceApp(workload(), 'ApiRepo', { service: 'tracker', app: 'api', account: DEV, region: 'us-east-1' });
    expect(repo.repositoryArn).toBe('arn:aws:ecr:us-east-1:111111111111:repository/tracker/api');
  });

  test.each<[string, { service: string; app: string; account?: string; region?: string }, string]>([
    ['an invalid service', { service: 'Tracker', app: 'api' }, "Workload/ApiRepo: invalid `service`: 'Tracker' is not a valid ECR name component"],
    ['an invalid app', { service: 'tracker', app: '' }, "Workload/ApiRepo: invalid `app`: '' is not a valid ECR name component"],
    ['a malformed account', { service: 'tracker', app: 'api', account: '6367' }, "Workload/ApiRepo: invalid `account`: got '6367'"],
    ['a malformed region', { service: 'tracker', app: 'api', region: 'london' }, "Workload/ApiRepo: invalid `region`: got 'london'"],
  ])('rejects %s', (_name, props, message) => {
    expect(() => SharedEcrRepo.fromServiceApp(workload(), 'ApiRepo', props)).toThrow(message);
  });
});
