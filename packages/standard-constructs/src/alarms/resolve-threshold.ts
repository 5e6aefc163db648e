import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AlarmThreshold } from './alarm-threshold';
import { assertIntegerInRange, invalidProp } from '../internal/validation';

/** The defaults of one signal and the range its threshold may take. */
export interface SignalDefaults {
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly period: Duration;
  readonly min: number;
  readonly max: number;
}

/** An override merged with its defaults and validated. */
export interface ResolvedThreshold {
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly period: Duration;
}

const ONE_DAY_SECONDS = 86_400;

/**
 * Merges `override` into `defaults`, rejecting thresholds outside the
 * signal's range, fewer than one evaluation period, more datapoints than
 * periods, and periods CloudWatch does not accept.
 */
export function resolveThreshold(scope: IConstruct, prop: string, defaults: SignalDefaults, override: AlarmThreshold | undefined): ResolvedThreshold {
  const threshold = override?.threshold ?? defaults.threshold;
  const evaluationPeriods = override?.evaluationPeriods ?? defaults.evaluationPeriods;
  const datapointsToAlarm = override?.datapointsToAlarm ?? evaluationPeriods;
  const period = override?.period ?? defaults.period;
  if (!Token.isUnresolved(threshold) && (Number.isNaN(threshold) || threshold < defaults.min || threshold > defaults.max)) {
    throw invalidProp(scope, `${prop}.threshold`, `got ${threshold}`, `Use a value from ${defaults.min} to ${defaults.max}.`);
  }
  assertIntegerInRange(scope, `${prop}.evaluationPeriods`, evaluationPeriods, 1, 1440);
  assertIntegerInRange(scope, `${prop}.datapointsToAlarm`, datapointsToAlarm, 1, evaluationPeriods);
  if (!period.isUnresolved()) {
    const seconds = period.toSeconds();
    if (!(seconds === 10 || seconds === 30 || (seconds > 0 && seconds % 60 === 0))) {
      throw invalidProp(scope, `${prop}.period`, `got ${seconds} s`, 'Use 10 s, 30 s or a whole number of minutes.');
    }
    if (seconds * evaluationPeriods > ONE_DAY_SECONDS) {
      throw invalidProp(scope, `${prop}.evaluationPeriods`, `${evaluationPeriods} periods of ${seconds} s exceed one day`,
        'CloudWatch evaluates at most one day: use fewer or shorter periods.');
    }
  }
  return { threshold, evaluationPeriods, datapointsToAlarm, period };
}
