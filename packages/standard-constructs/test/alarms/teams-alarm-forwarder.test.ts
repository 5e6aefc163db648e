import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { TEAMS_ALARM_TOPIC_NAME, TeamsAlarmForwarder, TeamsAlarmForwarderProps } from '../../src/alarms';
import { nagFindings } from '../nag';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-2:111111111111:secret:glimpse/alarms/teams-webhook-AbCdEf';

function build(stack: Stack, props: Partial<TeamsAlarmForwarderProps> = {}): TeamsAlarmForwarder {
  const webhookUrlSecret = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Webhook', SECRET_ARN);
  return new TeamsAlarmForwarder(stack, 'Forwarder', { webhookUrlSecret, ...props });
}

function synth(props: Partial<TeamsAlarmForwarderProps> = {}) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-2' } });
  const forwarder = build(stack, props);
  return { stack, forwarder, template: Template.fromStack(stack) };
}

describe('TeamsAlarmForwarder', () => {
  test('an encrypted topic with the stable name, subscribed by the function', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: TEAMS_ALARM_TOPIC_NAME,
      KmsMasterKeyId: Match.objectLike({ 'Fn::GetAtt': [Match.stringLikeRegexp('^ForwarderKey'), 'Arn'] }),
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
  });

  test('Node.js 22 on ARM64 with reserved concurrency, bounded async retries and a KMS dead-letter queue', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      ReservedConcurrentExecutions: 2,
      Timeout: 90,
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ForwarderDeadLetterQueue'), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 });
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: Match.objectLike({ 'Fn::GetAtt': [Match.stringLikeRegexp('^ForwarderKey'), 'Arn'] }),
      MessageRetentionPeriod: 1209600,
    });
    template.hasResource('AWS::SQS::Queue', { DeletionPolicy: 'Retain' });
  });

  test('the webhook URL is never in the environment: only the secret ARN and the send interval', () => {
    const { template } = synth({ reservedConcurrency: 3, maxRequestsPerSecond: 6, webhookUrlCacheDuration: Duration.minutes(1) });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          WEBHOOK_URL_SECRET_ARN: SECRET_ARN,
          WEBHOOK_URL_CACHE_SECONDS: '60',
          // 3 environments at 80 % of 6 a second: one request each 625 ms.
          MIN_SEND_INTERVAL_MS: '625',
          MAX_DELIVERY_ATTEMPTS: '6',
          POWERTOOLS_SERVICE_NAME: 'teams-alarm-forwarder',
          POWERTOOLS_METRICS_NAMESPACE: 'Glimpse/AlarmForwarder',
          AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
        },
      },
    });
  });

  test('least privilege: read this secret, write this log group, send to this queue', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: SECRET_ARN }),
          Match.objectLike({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'] }),
          Match.objectLike({ Action: 'sqs:SendMessage' }),
        ]),
      },
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('a secret encrypted with a key of another account: decrypt through Secrets Manager only', () => {
    const stack = new Stack(new App(), 'Stack');
    const secret = secretsmanager.Secret.fromSecretAttributes(stack, 'Shared', {
      secretCompleteArn: 'arn:aws:secretsmanager:eu-west-2:381492266277:secret:teams-AbCdEf',
      encryptionKey: kms.Key.fromKeyArn(stack, 'SharedKey', 'arn:aws:kms:eu-west-2:381492266277:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
    });
    new TeamsAlarmForwarder(stack, 'Forwarder', { webhookUrlSecret: secret });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 'kms:Decrypt',
          Resource: 'arn:aws:kms:eu-west-2:381492266277:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          Condition: { StringLike: { 'kms:ViaService': 'secretsmanager.*.amazonaws.com' } },
        })]),
      },
    });
  });

  test('the key lets CloudWatch alarms publish and CloudWatch Logs encrypt', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
          Match.objectLike({ Principal: { Service: 'logs.eu-west-2.amazonaws.com' } }),
        ]),
      },
    });
  });

  test('by default the dead-letter alarm goes to the forwarder topic itself', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.stringLikeRegexp('^ForwarderTopic') }] });
  });

  test('an alarm on the dead-letter queue depth, with an optional action', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-2' } });
    const pager = new sns.Topic(stack, 'Pager');
    build(stack, { deadLetterAlarmAction: new actions.SnsAction(pager) });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'glimpse-alarms-teams-forwarder-dead-letters',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Pager') }],
    });
  });

  test('fromTopicName imports the topic of the same account and region', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '222222222222', region: 'eu-west-1' } });
    expect(stack.resolve(TeamsAlarmForwarder.fromTopicName(stack, 'Topic').topicArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:eu-west-1:222222222222:glimpse-alarms-teams']],
    });
  });

  test.each([
    ['reservedConcurrency', { reservedConcurrency: 0 }],
    ['maxRequestsPerSecond', { maxRequestsPerSecond: 0.5 }],
    ['topicName', { topicName: 'bad name' }],
    ['webhookUrlCacheDuration', { webhookUrlCacheDuration: Duration.hours(2) }],
  ])('rejects a bad %s', (prop, props) => {
    expect(() => synth(props)).toThrow(new RegExp(`invalid \`${prop}\``));
  });

  test('cdk-nag clean', () => {
    expect(nagFindings((stack) => build(stack))).toEqual([]);
  });

  test('the whole alarm path and nothing stray: topic, function, dead-letter queue, key, logs; stateful parts retained on request', () => {
    const { template } = synth({ removalPolicy: RemovalPolicy.RETAIN });
    const resources = Object.values(template.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string }>);
    expect(resources.map((r) => r.Type)).toEqual(expect.arrayContaining([
      'AWS::SNS::Topic', 'AWS::SNS::TopicPolicy', 'AWS::SNS::Subscription', 'AWS::Lambda::Function', 'AWS::Lambda::Permission',
      'AWS::Lambda::EventInvokeConfig', 'AWS::IAM::Role', 'AWS::SQS::Queue', 'AWS::SQS::QueuePolicy', 'AWS::CloudWatch::Alarm',
      'AWS::KMS::Key', 'AWS::Logs::LogGroup',
    ]));
    const stateful = resources.filter((r) => ['AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::SQS::Queue'].includes(r.Type));
    expect(stateful.length).toBeGreaterThanOrEqual(3);
    for (const r of stateful) expect([r.Type, r.DeletionPolicy]).toEqual([r.Type, 'Retain']);
  });
});
