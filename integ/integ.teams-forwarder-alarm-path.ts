import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { GlimpseCompliance, TeamsAlarmForwarder } from '@glimpse/standard-constructs';
import { acknowledgeDestroyed, tagIntegStack } from './integ-compliance';
import { teamsStandIn } from './teams-stand-in';

/**
 * The real alarm path, end to end: a CloudWatch alarm whose action is the
 * forwarder's topic is set to ALARM; CloudWatch publishes to the encrypted
 * topic (topic policy and key policy), SNS invokes the forwarder, the
 * forwarder reads the webhook secret and posts the card to a stand-in for
 * Teams, which keeps the card in a parameter the assertion reads back.
 */
const ALARM_NAME = 'integ-alarm-path-probe';

const app = new App();
GlimpseCompliance.enable(app);
const stack = new Stack(app, 'TeamsForwarderAlarmPath');
tagIntegStack(stack, 'teams-forwarder-alarm-path');
const record = new ssm.StringParameter(stack, 'DeliveredCard', {
  description: 'The last card the Teams stand-in accepted (integ test)',
  stringValue: 'nothing delivered yet',
});
const { webhookUrlSecret } = teamsStandIn(stack, record);
const forwarder = new TeamsAlarmForwarder(stack, 'Forwarder', {
  webhookUrlSecret,
  topicName: 'integ-teams-forwarder-alarm-path',
  removalPolicy: RemovalPolicy.DESTROY,
});
acknowledgeDestroyed(webhookUrlSecret, forwarder.node.findChild('Key'), forwarder.logGroup);

// A metric nobody publishes: the alarm changes state only when the test sets it.
const probe = new cloudwatch.Alarm(stack, 'Probe', {
  alarmName: ALARM_NAME,
  alarmDescription: 'Set to ALARM by the integ test to prove CloudWatch → SNS → forwarder → Teams.',
  metric: new cloudwatch.Metric({ namespace: 'Glimpse/Integ', metricName: 'AlarmPathProbe', period: Duration.minutes(1) }),
  threshold: 1,
  evaluationPeriods: 1,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
});
probe.addAlarmAction(new actions.SnsAction(forwarder.topic));

const integ = new IntegTest(app, 'TeamsForwarderAlarmPathTest', { testCases: [stack] });
integ.assertions
  .awsApiCall('CloudWatch', 'setAlarmState', { AlarmName: ALARM_NAME, StateValue: 'ALARM', StateReason: 'integ test: prove the alarm path' })
  .next(integ.assertions
    .awsApiCall('SSM', 'getParameter', { Name: record.parameterName })
    .expect(ExpectedResult.objectLike({ Parameter: { Value: Match.stringLikeRegexp(ALARM_NAME) } }))
    .waitForAssertions({ totalTimeout: Duration.minutes(5), interval: Duration.seconds(15) }));
