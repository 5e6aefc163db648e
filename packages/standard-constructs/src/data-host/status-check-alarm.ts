import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Construct } from 'constructs';

/** System status check alarm whose action recovers the instance onto healthy hardware. */
export function createRecoveryAlarm(host: Construct, name: string, instanceId: string): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(host, 'SystemStatusCheckAlarm', {
    alarmDescription: `${name} data host failed its system status check: EC2 recovers it onto healthy hardware`,
    metric: new cloudwatch.Metric({
      namespace: 'AWS/EC2',
      metricName: 'StatusCheckFailed_System',
      dimensionsMap: { InstanceId: instanceId },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.minutes(1),
    }),
    threshold: 1,
    evaluationPeriods: 2,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.MISSING,
  });
  alarm.addAlarmAction(new cw_actions.Ec2Action(cw_actions.Ec2InstanceAction.RECOVER));
  return alarm;
}
