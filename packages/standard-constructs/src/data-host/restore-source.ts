/** Where a restore reads from, besides the point in time. */
export interface RestoreSourceOptions {
  /**
   * The pgBackRest stanza to restore, in the host's primary repository: the
   * `continuousArchive.stanza` of the host whose data this is.
   * @default - this host's own stanza (a replacement of the same host)
   */
  readonly stanza?: string;
}

/**
 * What a new `TimescaleDataHost` restores from its continuous archive instead
 * of initialising an empty cluster. Applied only when the data volume holds
 * no cluster: a host whose volume has data keeps it, whatever this says.
 */
export class RestoreSource {
  /** Everything archived: the last backup, then every WAL segment after it. */
  public static latest(options: RestoreSourceOptions = {}): RestoreSource {
    return new RestoreSource(undefined, options.stanza);
  }

  /**
   * The database as it was at `time`: every transaction committed at or
   * before it, none after (e.g. just before a `DROP TABLE`). The time must lie
   * within the archive's retention, and in the past when the app is synthesized.
   */
  public static pointInTime(time: Date, options: RestoreSourceOptions = {}): RestoreSource {
    return new RestoreSource(time, options.stanza);
  }

  /**
   * The recovery target, or undefined to replay everything archived.
   * @default - the latest archived state
   */
  public readonly target?: Date;
  /**
   * The stanza to restore.
   * @default - the host's own stanza
   */
  public readonly stanza?: string;

  private constructor(target: Date | undefined, stanza: string | undefined) {
    this.target = target;
    this.stanza = stanza;
  }
}
