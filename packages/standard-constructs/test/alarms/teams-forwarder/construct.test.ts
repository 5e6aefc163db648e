import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { TeamsAlarmForwarder, TeamsAlarmForwarderProps } from '../../../src/alarms';
import { FORWARDER_ENV, FORWARDER_METRIC_NAMES } from '../../../src/alarms/teams-forwarder/forwarder-environment';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-2:111111111111:secret:glimpse/alarms/teams-webhook-AbCdEf';

function synth(props: Partial<TeamsAlarmForwarderProps> = {}) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-2' } });
  const webhookUrlSecret = secretsmanager.Secret.fromSecretCompleteArn(stack, 'Webhook', SECRET_ARN);
  const forwarder = new TeamsAlarmForwarder(stack, 'Forwarder', { webhookUrlSecret, ...props });
  return { stack, forwarder };
}

function functionVariables(stack: Stack): Record<string, string> {
  const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
  return fn.Properties.Environment.Variables;
}

describe('TeamsAlarmForwarder ↔ handler contract', () => {
  test('sets every environment variable the handler reads', () => {
    const { stack } = synth({ environmentName: 'production' });
    const variables = functionVariables(stack);
    for (const name of Object.values(FORWARDER_ENV)) expect(variables).toHaveProperty([name]);
    expect(variables[FORWARDER_ENV.environmentName]).toBe('production');
    expect(variables[FORWARDER_ENV.maxDeliveryAttempts]).toBe('6');
  });

  test('without environmentName the card names account and region only: the variable is left out', () => {
    expect(functionVariables(synth().stack)).not.toHaveProperty([FORWARDER_ENV.environmentName]);
  });

  test('rejects an environmentName the card cannot show', () => {
    expect(() => synth({ environmentName: '' })).toThrow(/Stack\/Forwarder: invalid `environmentName`: got ''. Use 1 to 32 characters/);
    expect(() => synth({ environmentName: 'x'.repeat(33) })).toThrow(/invalid `environmentName`/);
    expect(() => synth({ environmentName: 'prod\nuction' })).toThrow(/invalid `environmentName`/);
  });
});

describe('TeamsAlarmForwarder delivery metrics', () => {
  test.each([
    ['metricDelivered', FORWARDER_METRIC_NAMES.delivered],
    ['metricDeliveryFailed', FORWARDER_METRIC_NAMES.deliveryFailed],
    ['metricDeliveryAttempts', FORWARDER_METRIC_NAMES.deliveryAttempts],
  ] as const)('%s() is the handler\'s %s metric, summed over 5 minutes', (method, metricName) => {
    const { forwarder } = synth();
    const metric = forwarder[method]();
    expect(metric).toMatchObject({
      namespace: 'Glimpse/AlarmForwarder',
      metricName,
      dimensions: { service: 'teams-alarm-forwarder' },
      statistic: 'Sum',
    });
    expect(metric.period.toSeconds()).toBe(300);
  });

  test('options override the defaults, and an alarm on DeliveryFailed lands in the template', () => {
    const { stack, forwarder } = synth();
    const metric = forwarder.metricDeliveryFailed({ period: Duration.minutes(1), statistic: 'Maximum' });
    expect(metric.period.toSeconds()).toBe(60);
    metric.createAlarm(stack, 'Failures', { threshold: 0, evaluationPeriods: 1, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Glimpse/AlarmForwarder',
      MetricName: 'DeliveryFailed',
      Dimensions: [{ Name: 'service', Value: 'teams-alarm-forwarder' }],
      Statistic: 'Maximum',
      Period: 60,
    });
  });
});
