import { App, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ExpectedResult, IntegTest, InvocationType } from '@aws-cdk/integ-tests-alpha';
import { GlimpseCompliance, TeamsAlarmForwarder } from '@glimpse/standard-constructs';
import { acknowledgeDestroyed, tagIntegStack } from './integ-compliance';

/**
 * The forwarder posting a sample CloudWatch alarm to a stand-in for Teams
 * (a Lambda function URL answering 202 to JSON Adaptive Card messages and 400
 * to anything else). The URL is a test endpoint, so it may sit in the
 * template; a real Workflows URL never does.
 */
const app = new App();
GlimpseCompliance.enable(app);
const stack = new Stack(app, 'TeamsForwarderInvoke');
tagIntegStack(stack, 'teams-forwarder-invoke');
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
GlimpseCompliance.acknowledge(teams.node.defaultChild!, [
  'AwsSolutions-L1', 'HIPAA.Security-LambdaConcurrency', 'NIST.800.53.R5-LambdaConcurrency', 'HIPAA.Security-LambdaDLQ',
  'NIST.800.53.R5-LambdaDLQ', 'HIPAA.Security-LambdaInsideVPC', 'NIST.800.53.R5-LambdaInsideVPC',
], 'Stand-in for the Teams endpoint in a throwaway integ stack: a stateless inline function answering the forwarder\'s '
  + 'HTTPS posts, like the public Teams service it replaces.');
GlimpseCompliance.acknowledge(teams.node.findChild('ServiceRole').node.defaultChild!,
  ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]'],
  'Stand-in Teams function of a throwaway integ stack: the managed policy only lets it write its own logs.');
// integ-runner's feature flags give the function a CDK-managed log group; a plain synth does not.
const fakeTeamsLogs = teams.node.tryFindChild('LogGroup');
if (fakeTeamsLogs) {
  GlimpseCompliance.acknowledge(fakeTeamsLogs.node.defaultChild!, [
    'Glimpse-LogGroupEncrypted', 'HIPAA.Security-CloudWatchLogGroupEncrypted', 'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
  ], 'Log group of the stand-in Teams function in a throwaway integ stack: it logs only whether each posted card was '
    + 'valid and its title, never the webhook URL or a secret.');
}
for (const id of ['invoke-function-url', 'invoke-function']) {
  GlimpseCompliance.acknowledge(teams.node.findChild(id), [
    'HIPAA.Security-LambdaFunctionPublicAccessProhibited', 'NIST.800.53.R5-LambdaFunctionPublicAccessProhibited',
  ], 'Public on purpose: it stands in for the public Teams Workflows URL the forwarder posts to, and holds no data.');
}
const webhookUrlSecret = new secretsmanager.Secret(stack, 'WebhookUrl', {
  secretStringValue: SecretValue.unsafePlainText(url.url),
  removalPolicy: RemovalPolicy.DESTROY,
});
GlimpseCompliance.acknowledge(webhookUrlSecret.node.defaultChild!, [
  'AwsSolutions-SMG4', 'HIPAA.Security-SecretsManagerRotationEnabled', 'NIST.800.53.R5-SecretsManagerRotationEnabled',
  'HIPAA.Security-SecretsManagerUsingKMSKey', 'NIST.800.53.R5-SecretsManagerUsingKMSKey',
], 'Holds the stand-in\'s test URL, not a real Workflows URL, in a throwaway integ stack: nothing to rotate or to protect '
  + 'with a customer key.');
const forwarder = new TeamsAlarmForwarder(stack, 'Forwarder', {
  webhookUrlSecret,
  topicName: 'integ-teams-forwarder',
  removalPolicy: RemovalPolicy.DESTROY,
});
acknowledgeDestroyed(webhookUrlSecret, forwarder.node.findChild('Key'), forwarder.logGroup);

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
