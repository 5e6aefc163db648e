import type { SNSEvent } from 'aws-lambda';

/** A CloudWatch alarm notification as SNS delivers it. */
export function alarmNotification(state: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AlarmName: 'tracker-staging-api-target-5xx',
    AlarmDescription: 'Targets answer 5xx. Runbook: https://runbooks.glimpse.technology/alarms/target-5xx',
    AWSAccountId: '471112958110',
    AlarmConfigurationUpdatedTimestamp: '2025-01-01T00:00:00.000+0000',
    NewStateValue: state,
    NewStateReason: 'Threshold Crossed: 3 out of the last 3 datapoints [12.0 (01/01/25 10:00:00)] were greater than the threshold (5.0).',
    StateChangeTime: '2025-01-01T10:03:00.000+0000',
    Region: 'EU (London)',
    AlarmArn: 'arn:aws:cloudwatch:eu-west-2:471112958110:alarm:tracker-staging-api-target-5xx',
    OldStateValue: state === 'OK' ? 'ALARM' : 'OK',
    Trigger: {
      MetricName: 'HTTPCode_Target_5XX_Count',
      Namespace: 'AWS/ApplicationELB',
      StatisticType: 'Statistic',
      Statistic: 'SUM',
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 5,
      // As CloudWatch sends them: lower-case keys, value first.
      Dimensions: [
        { value: 'targetgroup/tracker-staging-api/943f017f100becff', name: 'TargetGroup' },
        { value: 'app/tracker-staging-alb/50dc6c495c0c9188', name: 'LoadBalancer' },
      ],
      TreatMissingData: 'notBreaching',
    },
    ...overrides,
  };
}

/** An SNS event with one record carrying `message`. */
export function snsEvent(message: string, subject: string | null = 'ALARM: "tracker-staging-api-target-5xx" in EU (London)', id = 'message-1'): SNSEvent {
  return {
    Records: [{
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:eu-west-2:471112958110:glimpse-alarms-teams:sub',
      Sns: {
        Type: 'Notification',
        MessageId: id,
        TopicArn: 'arn:aws:sns:eu-west-2:471112958110:glimpse-alarms-teams',
        Subject: subject as string,
        Message: message,
        Timestamp: '2025-01-01T10:03:00.000Z',
        SignatureVersion: '1',
        Signature: 'sig',
        SigningCertUrl: 'https://sns.eu-west-2.amazonaws.com/cert.pem',
        UnsubscribeUrl: 'https://sns.eu-west-2.amazonaws.com/unsubscribe',
        MessageAttributes: {},
      },
    }],
  };
}
