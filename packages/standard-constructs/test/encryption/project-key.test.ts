import { App, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ProjectKey, ProjectKeyProps } from '../../src';
import { nagFindings } from '../nag';
import { resourceCounts } from '../resource-counts';

const PROPS: ProjectKeyProps = { projectName: 'tracker-restapi', environmentName: 'staging' };

function build(props: Partial<ProjectKeyProps> = {}): { stack: Stack; key: ProjectKey; readonly template: Template } {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-2' } });
  const key = new ProjectKey(stack, 'ProjectKey', { ...PROPS, ...props });
  return { stack, key, get template() { return Template.fromStack(stack); } };
}

function statement(template: Template, sid: string): Record<string, unknown> {
  const key = Object.values(template.findResources('AWS::KMS::Key'))[0];
  const found = key.Properties.KeyPolicy.Statement.find((s: { Sid?: string }) => s.Sid === sid);
  expect(found).toBeDefined();
  return found;
}

describe('ProjectKey', () => {
  test('rotation, 7-day deletion window, retained', () => {
    build().template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ EnableKeyRotation: true, PendingWindowInDays: 7 }),
    });
  });

  test('alias/<project>-<env>', () => {
    build().template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/tracker-restapi-staging' });
  });

  test('CloudWatch Logs may use the key for the project log groups only', () => {
    const s = statement(build().template, 'AllowProjectLogGroups');
    expect(s).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'logs.eu-west-2.amazonaws.com' },
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': [
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-2:111111111111:log-group:/aws/*/tracker-restapi-staging*']] },
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-2:111111111111:log-group:aws-waf-logs-tracker-restapi-staging*']] },
          ],
        },
      },
    });
  });

  test('log group patterns are configurable', () => {
    const s = statement(build({ logGroupNamePatterns: ['/custom/*'] }).template, 'AllowProjectLogGroups');
    expect(JSON.stringify(s)).toContain('log-group:/custom/*');
    expect(JSON.stringify(s)).not.toContain('aws-waf-logs');
  });

  test.each([
    ['AllowSecretsManager', 'secretsmanager.eu-west-2.amazonaws.com'],
    ['AllowEbs', 'ec2.eu-west-2.amazonaws.com'],
  ])('%s: account principals through %s only, grants for AWS resources only', (sid, viaService) => {
    const { template } = build();
    expect(statement(template, sid)).toMatchObject({
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Condition: { StringEquals: { 'kms:CallerAccount': '111111111111', 'kms:ViaService': viaService } },
    });
    expect(statement(template, `${sid}Grants`)).toMatchObject({
      Action: 'kms:CreateGrant',
      Condition: {
        StringEquals: { 'kms:ViaService': viaService },
        Bool: { 'kms:GrantIsForAWSResource': 'true' },
      },
    });
  });

  test('ECS Exec sessions: generate and decrypt data keys', () => {
    expect(statement(build().template, 'AllowEcsExecSessions')).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    });
  });

  test('pending window and removal policy are configurable', () => {
    build({ pendingWindow: Duration.days(30), removalPolicy: RemovalPolicy.DESTROY }).template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ PendingWindowInDays: 30 }),
    });
  });

  test('rejects a pending window outside 7 to 30 days', () => {
    expect(() => build({ pendingWindow: Duration.days(3) })).toThrow(/invalid `pendingWindow`: got 3. Use a whole number from 7 to 30/);
  });

  test('rejects a part-day pending window with its own message, not aws-cdk-lib\'s', () => {
    expect(() => build({ pendingWindow: Duration.hours(180) })).toThrow('Stack/ProjectKey: invalid `pendingWindow`: got 7 days 12 hours. Use whole days from 7 to 30, e.g. Duration.days(7).');
  });

  test('rejects a token pending window, naming the prop', () => {
    expect(() => build({ pendingWindow: Duration.days(Lazy.number({ produce: () => 7 })) }))
      .toThrow('Stack/ProjectKey: invalid `pendingWindow`: got an unresolved token. Give a literal Duration of 7 to 30 days: aws-cdk-lib checks it at synth.');
  });

  test('rejects an invalid project name', () => {
    expect(() => build({ projectName: 'Tracker API' })).toThrow(/invalid `projectName`/);
  });

  test('rejects an invalid environment name', () => {
    expect(() => build({ environmentName: '' })).toThrow(/invalid `environmentName`/);
  });

  test('rejects an invalid log group pattern', () => {
    expect(() => build({ logGroupNamePatterns: ['log group with spaces'] })).toThrow(/invalid `logGroupNamePatterns`/);
  });

  test('cdk-nag clean', () => {
    expect(nagFindings((stack) => new ProjectKey(stack, 'ProjectKey', PROPS))).toEqual([]);
  });

  test('creates the key and its alias, nothing else', () => {
    expect(resourceCounts(build().template)).toEqual({ 'AWS::KMS::Alias': 1, 'AWS::KMS::Key': 1 });
  });
});
