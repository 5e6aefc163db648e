import * as fs from 'fs';
import * as path from 'path';
import { GlimpseCompliance, TEAMS_ALARM_TOPIC_NAME, TEAMS_FORWARDER_ROLE_PATH, VERSION_CONTEXT_KEY } from '@glimpse/standard-constructs';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { buildApp } from '../src/app';
import { PLATFORM_ALARMS_CONFIG } from '../src/config';
import { PlatformAlarmsStack } from '../src/platform-alarms-stack';

const VERSION = '0123456789abcdef0123456789abcdef01234567';

function synth() {
  const app = buildApp(new App({ context: { [VERSION_CONTEXT_KEY]: VERSION } }));
  const stack = app.node.findChild('PlatformAlarms') as PlatformAlarmsStack;
  const assembly = app.synth();
  const forwarder = Template.fromJSON(JSON.parse(fs.readFileSync(path.join(assembly.directory, stack.forwarderStack.templateFile), 'utf8')));
  return { app, stack, template: Template.fromStack(stack), forwarder };
}

describe('platform-alarms app', () => {
  const { app, stack, template, forwarder } = synth();

  test('the StackSet is service-managed, auto-deployed to the configured OUs and regions, from the delegated admin', () => {
    expect(stack.account).toBe(PLATFORM_ALARMS_CONFIG.admin.account);
    template.hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'DELEGATED_ADMIN',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_IAM'],
      StackInstancesGroup: [{
        DeploymentTargets: { AccountFilterType: 'NONE', OrganizationalUnitIds: PLATFORM_ALARMS_CONFIG.organizationalUnitIds },
        Regions: PLATFORM_ALARMS_CONFIG.regions,
      }],
      Parameters: [
        { ParameterKey: 'WebhookUrlSecretArn', ParameterValue: { Ref: Match.stringLikeRegexp('^WebhookUrl') } },
        { ParameterKey: 'WebhookUrlKeyArn', ParameterValue: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebhookUrlKey'), 'Arn'] } },
      ],
    });
  });

  test('the StackSet waits for the forwarder code to reach every region\'s bucket', () => {
    const [stackSet] = Object.values(template.findResources('AWS::CloudFormation::StackSet'));
    const deployments = Object.keys(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(PLATFORM_ALARMS_CONFIG.regions.length);
    expect(stackSet.DependsOn).toEqual(expect.arrayContaining(deployments));
  });

  test('one asset bucket per region, readable by the organisation only', () => {
    for (const region of PLATFORM_ALARMS_CONFIG.regions) {
      const assets = Template.fromStack(app.node.findChild(`PlatformAlarmsAssets-${region}`) as PlatformAlarmsStack);
      assets.hasResourceProperties('AWS::S3::Bucket', { BucketName: `${PLATFORM_ALARMS_CONFIG.assetBucketPrefix}-${region}` });
      assets.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Action: ['s3:GetObject', 's3:GetObjectVersion'],
            Condition: { StringEquals: { 'aws:PrincipalOrgID': PLATFORM_ALARMS_CONFIG.organizationId } },
          })]),
        },
      });
    }
  });

  test('the webhook secret is CMK-encrypted, readable only by the forwarder roles of the organisation, and has no value in the template', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: PLATFORM_ALARMS_CONFIG.webhookSecretName,
      KmsKeyId: Match.anyValue(),
      SecretString: Match.absent(),
    });
    const forwarderRoles = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::*:role${TEAMS_FORWARDER_ROLE_PATH}*`]] };
    template.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      ResourcePolicy: {
        Statement: [
          {
            Sid: 'ForwardersReadWebhookUrl',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'secretsmanager:GetSecretValue',
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalOrgID': PLATFORM_ALARMS_CONFIG.organizationId }, ArnLike: { 'aws:PrincipalArn': forwarderRoles } },
          },
          {
            Sid: 'NobodyElseReadsWebhookUrl',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'secretsmanager:GetSecretValue',
            Resource: '*',
            Condition: { ArnNotLike: { 'aws:PrincipalArn': forwarderRoles } },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([{
          Sid: 'ForwardersDecryptThroughSecretsManager',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:PrincipalOrgID': PLATFORM_ALARMS_CONFIG.organizationId },
            ArnLike: { 'aws:PrincipalArn': forwarderRoles },
            StringLike: { 'kms:ViaService': 'secretsmanager.*.amazonaws.com' },
          },
        }]),
      },
    });
  });

  test('every stack instance gets the forwarder on the stable topic name, reading the secret from the parameters', () => {
    expect(PLATFORM_ALARMS_CONFIG.topicName).toBe(TEAMS_ALARM_TOPIC_NAME);
    forwarder.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'glimpse-alarms-teams' });
    forwarder.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Code: { S3Bucket: { 'Fn::Join': ['-', [PLATFORM_ALARMS_CONFIG.assetBucketPrefix, { Ref: 'AWS::Region' }]] }, S3Key: Match.stringLikeRegexp('\\.zip$') },
      Environment: { Variables: Match.objectLike({ WEBHOOK_URL_SECRET_ARN: { Ref: 'WebhookUrlSecretArn' } }) },
    });
    forwarder.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: 'WebhookUrlSecretArn' } }),
          Match.objectLike({ Action: 'kms:Decrypt', Resource: { Ref: 'WebhookUrlKeyArn' } }),
        ]),
      },
    });
    // Two dead-letter queues (the function's, the subscription's), each with its depth alarm.
    forwarder.resourceCountIs('AWS::SQS::Queue', 2);
    forwarder.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    forwarder.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AccountAlarmsPublish', Principal: { Service: 'cloudwatch.amazonaws.com' } })]) },
    });
  });

  test('every stack, the StackSet forwarder template included, passes AwsSolutions, HIPAA, NIST 800-53 rev 5 and the Glimpse pack', () => {
    const findings = GlimpseCompliance.packs(app).flatMap((pack) => pack.validateScope(app).violations);
    expect(findings).toEqual([]);
  });

  test('the packs see the StackSet forwarder template', () => {
    const bad = buildApp(new App({ context: { [VERSION_CONTEXT_KEY]: VERSION } }));
    const forwarderStack = (bad.node.findChild('PlatformAlarms') as PlatformAlarmsStack).forwarderStack;
    new sqs.Queue(forwarderStack, 'Unencrypted', { encryption: sqs.QueueEncryption.UNENCRYPTED, enforceSSL: false });
    const paths = GlimpseCompliance.packs(bad).flatMap((pack) => pack.validateScope(bad).violations)
      .flatMap((v) => v.violatingResources.map((r) => r.constructPath));
    expect(paths).toContain('PlatformAlarms/Forwarder/Unencrypted/Resource');
  });

  test('acknowledgements sit on single resources, never on a stack or the app', () => {
    const holders = app.node.findAll().filter((c) => c.node.metadata.some((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY));
    expect(holders.filter((c) => Stack.isStack(c) || c === app)).toEqual([]);
    // The library's forwarder acknowledges its own deliberate choices; this app adds only these.
    const own = holders.filter((c) => !c.node.path.startsWith('PlatformAlarms/Forwarder/TeamsAlarmForwarder/'));
    expect(own.map((c) => c.node.path).sort()).toEqual([
      'PlatformAlarms/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/Resource',
      'PlatformAlarms/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/ServiceRole/DefaultPolicy/Resource',
      'PlatformAlarms/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/ServiceRole/Resource',
      'PlatformAlarms/WebhookUrl/Resource',
      'PlatformAlarmsAssets-eu-west-2/Bucket/Resource',
      'PlatformAlarmsAssets-us-east-1/Bucket/Resource',
    ]);
    for (const holder of own) expect(CfnResource.isCfnResource(holder)).toBe(true);
  });

  test('snapshot of the StackSet template', () => {
    expect(forwarder.toJSON()).toMatchSnapshot();
  });
});
