import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { SHARED_REGISTRY_ACCOUNT, SharedEcrRepo, SharedEcrRepoProps } from '../../src';
import { nagFindings } from '../nag';

const DEV = '111111111111';
const STAGING = '222222222222';
const PRODUCTION = '333333333333';
const PULL = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

function registryStack(): Stack {
  return new Stack(new App(), 'Registry', { env: { account: SHARED_REGISTRY_ACCOUNT, region: 'eu-west-2' } });
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
    expect(nagFindings((stack) => new SharedEcrRepo(stack, 'Api', { service: 'tracker', app: 'api', pullAccounts: [STAGING], pushAccounts: [DEV] }))).toEqual([]);
  });

  test('snapshot', () => {
    expect(build({ lambdaPullAccounts: [STAGING], pullOrganizationId: 'o-abcdef1234' }).template.toJSON()).toMatchSnapshot();
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
    ])('%s', (_name, props, message) => {
      expect(() => build(props)).toThrow(message);
    });
  });
});
