import { Duration } from 'aws-cdk-lib';
import { IBackupRepository } from './backup-repository';

/** Options of a `TimescaleDataHost`'s continuous archive (pgBackRest). */
export interface ContinuousArchiveOptions {
  /**
   * The point-in-time restore window: pgBackRest keeps the backups and WAL
   * needed to restore to any second within it (whole days, 1 to 3650).
   * @default Duration.days(14)
   */
  readonly retention?: Duration;
  /**
   * The repository the host archives to and restores from.
   * @default - a new `BackupRepository` encrypted with the host's key, retained on delete
   */
  readonly repository?: IBackupRepository;
  /**
   * A second repository, in another region (or account), that pgBackRest writes
   * as well: the copy a restore uses when the first region is lost. Another
   * account's bucket and key policies must admit the host's role.
   * @default - none
   */
  readonly secondaryRepository?: IBackupRepository;
  /**
   * S3 Object Lock in compliance mode on the repository the host creates
   * (ignored with `repository`): archived WAL and backups cannot be deleted or
   * overwritten by anyone until `retention` has passed.
   * @default false
   */
  readonly objectLock?: boolean;
  /**
   * The host's pgBackRest stanza: its prefix in the repositories. Give a new
   * host that restores another host's data (`restore` with that host's stanza)
   * a stanza of its own, so the two never archive into the same place.
   * @default '<projectName>-<environmentName>'
   */
  readonly stanza?: string;
  /**
   * The `pgbackrest` Debian package version the bootstrap installs exactly and holds.
   * PostgreSQL 16 needs pgBackRest 2.46 or later and 17 needs 2.53.1 or later: Debian 12
   * ships 2.45, so for them the package comes from apt.postgresql.org.
   * @default - '2.45-1' (Debian 12) for PostgreSQL 15; for 16 and 17 the apt.postgresql.org version at the first bootstrap, then held
   */
  readonly pgBackRestVersion?: string;
}
