import { IConstruct } from 'constructs';
import { RestoreSource } from './restore-source';
import { invalidProp } from '../internal/validation';

const STANZA = /^[A-Za-z0-9_-]{1,64}$/;

/** The bootstrap's restore settings; throws a synth-time error for a target in the future or not a time at all. */
export function restoreSettings(scope: IConstruct, source: RestoreSource, ownStanza: string, now: Date = new Date()): Record<string, string> {
  const stanza = source.stanza ?? ownStanza;
  if (!STANZA.test(stanza)) {
    throw invalidProp(scope, 'restore', `stanza '${stanza}' is not a pgBackRest stanza name`,
      'Use letters, digits, hyphens and underscores: the continuousArchive.stanza of the host to restore.');
  }
  if (source.target === undefined) return { RESTORE_TARGET: 'latest', RESTORE_FROM_STANZA: stanza };
  const time = source.target.getTime();
  if (Number.isNaN(time)) {
    throw invalidProp(scope, 'restore', 'the point in time is an invalid Date', 'Give RestoreSource.pointInTime a valid Date.');
  }
  if (time > now.getTime()) {
    throw invalidProp(scope, 'restore', `the point in time ${source.target.toISOString()} is in the future`,
      'Give a time in the past, within the archive\'s retention, or use RestoreSource.latest().');
  }
  // PostgreSQL's recovery_target_time format, in UTC, to the microsecond pgBackRest passes on.
  return { RESTORE_TARGET: `${source.target.toISOString().replace('T', ' ').replace('Z', '')}+00`, RESTORE_FROM_STANZA: stanza };
}
