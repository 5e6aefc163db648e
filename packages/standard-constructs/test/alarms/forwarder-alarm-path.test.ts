import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AlarmTopicAccess, TEAMS_FORWARDER_ROLE_PATH, TeamsAlarmForwarder, TeamsAlarmForwarderProps } from '../../src/alarms';

const ACCOUNT = '111111111111';
const SECRET_ARN = `arn:aws:secretsmanager:eu-west-2:${ACCOUNT}:secret:glimpse/alarms/teams-webhook-AbCdEf`;

function synth(region = 'eu-west-2', props: Partial<TeamsAlarmForwarderProps> = {}) {
  const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region } });
  const webhookUrlSecret = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Webhook', SECRET_ARN);
  const forwarder = new TeamsAlarmForwarder(stack, 'Forwarder', { webhookUrlSecret, ...props });
  return { stack, forwarder, template: Template.fromStack(stack) };
}

const topicArn = (region: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:sns:${region}:${ACCOUNT}:glimpse-alarms-teams`]] });
const alarmArns = (region: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudwatch:${region}:${ACCOUNT}:alarm:*`]] });
const alarmKeyStatement = (region: string) => ({
  Sid: 'AccountAlarmsUseTopicKey',
  Effect: 'Allow',
  Principal: { Service: 'cloudwatch.amazonaws.com' },
  Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
  Resource: '*',
  Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': alarmArns(region) } },
});

describe('TeamsAlarmForwarder alarm path', () => {
  test.each(['eu-west-2', 'us-east-1'])('in %s the topic policy lets this account\'s alarms of that region publish, and keeps the TLS-only deny', (region) => {
    const { template } = synth(region);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayEquals([
          Match.objectLike({ Sid: 'AllowPublishThroughSSLOnly', Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          {
            Sid: 'AccountAlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: Match.stringLikeRegexp('^ForwarderTopic') },
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': alarmArns(region) } },
          },
        ]),
      },
    });
  });

  test('the key lets those alarms encrypt, and SNS dead-letter for this topic only', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          alarmKeyStatement('eu-west-2'),
          {
            Sid: 'TopicDeadLettersUseQueueKey',
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            Resource: '*',
            Condition: { ArnEquals: { 'aws:SourceArn': topicArn('eu-west-2') } },
          },
        ]),
      },
    });
  });

  test('the Lambda subscription redrives to its own encrypted, retained queue that only this topic may send to', () => {
    const { template } = synth();
    const queue = { 'Fn::GetAtt': [Match.stringLikeRegexp('^ForwarderSubscriptionDeadLetterQueue'), 'Arn'] };
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', RedrivePolicy: { deadLetterTargetArn: queue } });
    template.hasResource('AWS::SQS::Queue', {
      DeletionPolicy: 'Retain',
      Properties: {
        KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ForwarderKey'), 'Arn'] },
        MessageRetentionPeriod: 1209600,
      },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: Match.stringLikeRegexp('^ForwarderSubscriptionDeadLetterQueue') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          {
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: queue,
            Condition: { ArnEquals: { 'aws:SourceArn': { Ref: Match.stringLikeRegexp('^ForwarderTopic') } } },
          },
        ]),
      },
    });
    template.resourceCountIs('AWS::SQS::Queue', 2);
  });

  test('an alarm goes off as soon as the subscription\'s queue holds a message, and tells the topic', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'glimpse-alarms-teams-forwarder-undelivered',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ForwarderSubscriptionDeadLetterQueue'), 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^ForwarderTopic') }],
    });
  });

  test('the forwarder role sits under the path the shared webhook secret trusts', () => {
    const { template } = synth();
    expect(TEAMS_FORWARDER_ROLE_PATH).toBe('/glimpse/teams-alarm-forwarder/');
    template.hasResourceProperties('AWS::IAM::Role', {
      Path: TEAMS_FORWARDER_ROLE_PATH,
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] },
    });
  });

  test('a key of your own is left alone: its policy is yours to extend', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-2' } });
    const encryptionKey = kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:eu-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
    new TeamsAlarmForwarder(stack, 'Forwarder', { webhookUrlSecret: secretsmanager.Secret.fromSecretCompleteArn(stack, 'Webhook', SECRET_ARN), encryptionKey });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AccountAlarmsPublish' })]) },
    });
  });
});

describe('AlarmTopicAccess', () => {
  test('a topic of your own with a TLS-only policy lets this account\'s alarms publish', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-2' } });
    const topic = new sns.Topic(stack, 'Topic', { enforceSSL: true });
    AlarmTopicAccess.allowAccountAlarms(topic);
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'AccountAlarmsPublish',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: { Ref: 'TopicBFC7AF6E' },
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': alarmArns('eu-west-2') } },
        }]),
      },
    });
  });

  test('the key statement carries the same conditions', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'eu-west-2' } });
    expect(stack.resolve(AlarmTopicAccess.keyStatement(stack).toStatementJson())).toEqual(alarmKeyStatement('eu-west-2'));
  });
});
