import { CfnResource, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { GlimpseCompliance } from '@glimpse/standard-constructs';
import { acknowledgeDestroyed } from './integ-compliance';

/**
 * Handler of the stand-in: 202 to a JSON Adaptive Card message, 400 to
 * anything else; with RECORD_PARAMETER set it also keeps the last valid
 * message's JSON (cut to 4 KB) in that parameter, for assertions to read.
 */
const HANDLER = `const { SSMClient, PutParameterCommand } = require('@aws-sdk/client-ssm');
exports.handler = async (event) => {
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString() : event.body;
  const body = JSON.parse(raw);
  const card = body.attachments && body.attachments[0];
  const ok = body.type === 'message' && card.contentType === 'application/vnd.microsoft.card.adaptive' && card.content.version === '1.4';
  console.log(JSON.stringify({ ok, title: ok && card.content.body[0].items[0].text }));
  if (ok && process.env.RECORD_PARAMETER) {
    await new SSMClient({}).send(new PutParameterCommand({ Name: process.env.RECORD_PARAMETER, Value: raw.slice(0, 4096), Overwrite: true }));
  }
  return { statusCode: ok ? 202 : 400 };
};`;

/** A stand-in for the Teams Workflows endpoint, and the secret holding its URL. */
export interface TeamsStandIn {
  readonly webhookUrlSecret: secretsmanager.Secret;
  readonly function: lambda.Function;
}

/**
 * A public Lambda function URL answering like Teams Workflows. The URL is a
 * test endpoint, so it may sit in the template; a real Workflows URL never does.
 * `record`: where the stand-in keeps the last card it accepted.
 */
export function teamsStandIn(stack: Stack, record?: ssm.StringParameter): TeamsStandIn {
  const fn = new lambda.Function(stack, 'FakeTeams', {
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: lambda.Code.fromInline(HANDLER),
    environment: record ? { RECORD_PARAMETER: record.parameterName } : undefined,
  });
  record?.grantWrite(fn);
  const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  GlimpseCompliance.acknowledge(fn.node.defaultChild!, [
    'AwsSolutions-L1', 'HIPAA.Security-LambdaConcurrency', 'NIST.800.53.R5-LambdaConcurrency', 'HIPAA.Security-LambdaDLQ',
    'NIST.800.53.R5-LambdaDLQ', 'HIPAA.Security-LambdaInsideVPC', 'NIST.800.53.R5-LambdaInsideVPC',
  ], 'Stand-in for the Teams endpoint in a throwaway integ stack: a stateless inline function answering the forwarder\'s '
    + 'HTTPS posts, like the public Teams service it replaces.');
  GlimpseCompliance.acknowledge(fn.node.findChild('ServiceRole').node.defaultChild!,
    ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]'],
    'Stand-in Teams function of a throwaway integ stack: the managed policy only lets it write its own logs.');
  if (record) {
    GlimpseCompliance.acknowledge(fn.node.findChild('ServiceRole').node.findChild('DefaultPolicy').node.defaultChild!,
      ['HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R5-IAMNoInlinePolicy'],
      'Stand-in Teams function of a throwaway integ stack: its one grant (write the record parameter) is CDK\'s inline default policy.');
  }
  // integ-runner's feature flags give the function a CDK-managed log group; a plain synth does not.
  const logs = fn.node.tryFindChild('LogGroup');
  if (logs) {
    (logs.node.defaultChild as CfnResource).applyRemovalPolicy(RemovalPolicy.DESTROY);
    acknowledgeDestroyed(logs);
    GlimpseCompliance.acknowledge(logs.node.defaultChild!, [
      'Glimpse-LogGroupEncrypted', 'HIPAA.Security-CloudWatchLogGroupEncrypted', 'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
    ], 'Log group of the stand-in Teams function in a throwaway integ stack: it logs only whether each posted card was '
      + 'valid and its title, never the webhook URL or a secret.');
  }
  for (const id of ['invoke-function-url', 'invoke-function']) {
    GlimpseCompliance.acknowledge(fn.node.findChild(id), [
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
  return { webhookUrlSecret, function: fn };
}
