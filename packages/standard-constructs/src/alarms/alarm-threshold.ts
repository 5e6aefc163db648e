import { Duration } from 'aws-cdk-lib';

/** Overrides of one standard alarm. Every field falls back to the signal's documented default. */
export interface AlarmThreshold {
  /**
   * The threshold, in the signal's unit (percent, count, seconds...).
   * @default - the signal's default
   */
  readonly threshold?: number;
  /**
   * Periods evaluated.
   * @default - the signal's default
   */
  readonly evaluationPeriods?: number;
  /**
   * Breaching datapoints within `evaluationPeriods` that raise the alarm.
   * @default - all of `evaluationPeriods`
   */
  readonly datapointsToAlarm?: number;
  /**
   * Length of one period (10 s, 30 s or a multiple of a minute).
   * @default - the signal's default
   */
  readonly period?: Duration;
  /**
   * Create this alarm at all.
   * @default true
   */
  readonly enabled?: boolean;
}
