import { App, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ExpectedResult, IntegTest, InvocationType } from '@aws-cdk/integ-tests-alpha';
import { TeamsAlarmForwarder } from '@glimpse/standard-constructs';

/**
 * The forwarder posting a sample CloudWatch alarm to a stand-in for Teams
 * (a Lambda function URL answering 202 to JSON Adaptive Card messages and 400
 * to anything else). The URL is a test endpoint, so it may sit in the
 * template; a real Workflows URL never does.
 */
const app = new App();
const stack = new Stack(app, 'TeamsForwarderInvoke');
const teams = new lambda.Function(stack, 'FakeTeams', {
  runtime: lambda.Runtime.NODEJS_22_X,
  architecture: lambda.Architecture.ARM_64,
  handler: 'index.handler',
  code: lambda.Code.fromInline(`exports.handler = async (event) => {
  const body = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString() : event.body);
  const card = body.attachments && body.attachments[0];
  const ok = body.type === 'message' && card.contentType === 'application/vnd.microsoft.card.adaptive' && card.content.version === '1.4';
  console.log(JSON.stringify({ ok, title: ok && card.content.body[0].items[0].text }));
  return { statusCode: ok ? 202 : 400 };
};`),
});
const url = teams.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
const webhookUrlSecret = new secretsmanager.Secret(stack, 'WebhookUrl', {
  secretStringValue: SecretValue.unsafePlainText(url.url),
  removalPolicy: RemovalPolicy.DESTROY,
});
const forwarder = new TeamsAlarmForwarder(stack, 'Forwarder', {
  webhookUrlSecret,
  topicName: 'integ-teams-forwarder',
  removalPolicy: RemovalPolicy.DESTROY,
});

const alarm = {
  AlarmName: 'integ-test-alb-5xx-rate',
  AlarmDescription: 'The load balancer answers more than 5 % of requests with its own 5xx. Runbook: https://runbooks.example.com/integ',
  AWSAccountId: stack.account,
  NewStateValue: 'ALARM',
  NewStateReason: 'Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (5.0).',
  StateChangeTime: '2025-01-01T10:03:00.000+0000',
  Region: 'EU (London)',
  OldStateValue: 'OK',
  Trigger: { MetricName: 'HTTPCode_ELB_5XX_Count', Namespace: 'AWS/ApplicationELB', Statistic: 'SUM', Period: 60, EvaluationPeriods: 3, ComparisonOperator: 'GreaterThanThreshold', Threshold: 5 },
};

const integ = new IntegTest(app, 'TeamsForwarderInvokeTest', { testCases: [stack] });

// A failed delivery makes the handler throw: the payload would be the error, not null.
integ.assertions
  .invokeFunction({
    functionName: forwarder.function.functionName,
    invocationType: InvocationType.REQUEST_RESPONSE,
    payload: JSON.stringify({
      Records: [{ EventSource: 'aws:sns', Sns: { MessageId: 'integ-1', Subject: 'ALARM', Message: JSON.stringify(alarm), Timestamp: '2025-01-01T10:03:00.000Z' } }],
    }),
  })
  .expect(ExpectedResult.objectLike({ StatusCode: 200, Payload: 'null' }));
