import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ExpectedResult, IntegTest, InvocationType } from '@aws-cdk/integ-tests-alpha';
import { GlimpseCompliance, TeamsAlarmForwarder } from '@glimpse/standard-constructs';
import { acknowledgeDestroyed, tagIntegStack } from './integ-compliance';
import { teamsStandIn } from './teams-stand-in';

/**
 * The forwarder posting a sample CloudWatch alarm to a stand-in for Teams
 * (a Lambda function URL answering 202 to JSON Adaptive Card messages and 400
 * to anything else).
 */
const app = new App();
GlimpseCompliance.enable(app);
const stack = new Stack(app, 'TeamsForwarderInvoke');
tagIntegStack(stack, 'teams-forwarder-invoke');
const { webhookUrlSecret } = teamsStandIn(stack);
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
