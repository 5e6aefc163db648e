import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { assertTopicInRegion } from './topic-region';

/**
 * Decides what an alarm does when its state changes (after
 * cdk-monitoring-constructs' `IAlarmActionStrategy`).
 */
export interface IAlarmActionStrategy {
  /** Adds the actions to `alarm` (a metric or composite alarm). */
  addAlarmActions(alarm: cloudwatch.AlarmBase): void;
}

/** Properties of an `SnsAlarmActionStrategy`. */
export interface SnsAlarmActionStrategyProps {
  /** The topic to notify, in the alarms' region (CloudWatch sends alarm actions only within a region). */
  readonly topic: sns.ITopic;
  /**
   * Notify when the alarm returns to OK too.
   * @default true
   */
  readonly notifyOnOk?: boolean;
  /**
   * Notify when the alarm goes to INSUFFICIENT_DATA.
   * @default false - missing data is treated deliberately per alarm instead
   */
  readonly notifyOnInsufficientData?: boolean;
}

/** Sends ALARM (and by default OK) transitions to an SNS topic, e.g. the Teams forwarder's. */
export class SnsAlarmActionStrategy implements IAlarmActionStrategy {
  constructor(private readonly props: SnsAlarmActionStrategyProps) {}

  public addAlarmActions(alarm: cloudwatch.AlarmBase): void {
    assertTopicInRegion(alarm, 'topic', this.props.topic);
    const action = new cloudwatchActions.SnsAction(this.props.topic);
    alarm.addAlarmAction(action);
    if (this.props.notifyOnOk ?? true) alarm.addOkAction(action);
    if (this.props.notifyOnInsufficientData ?? false) alarm.addInsufficientDataAction(action);
  }
}

/** Leaves alarms without actions, e.g. alarms that only roll back deployments. */
export class NoAlarmActionStrategy implements IAlarmActionStrategy {
  public addAlarmActions(_alarm: cloudwatch.AlarmBase): void {
    // Deliberately nothing.
  }
}
