/**
 * The bootstrap script's configuration, typed. `bootstrapConfigLines` renders
 * it as the KEY=VALUE lines `assets/data-host/bootstrap.sh` reads (its
 * `load_config` names every key). No secret values: the script reads those
 * from Secrets Manager by ARN.
 */
export interface BootstrapConfig {
  readonly postgresVersion: number;
  readonly maxConnections: number;
  readonly clientCidrs: string[];
  /** Mount path of the data volume. */
  readonly dataRoot: string;
  readonly applicationUser: string;
  readonly applicationDatabase: string;
  readonly superuserSecretArn: string;
  readonly applicationSecretArn: string;
  readonly valkeySecretArn: string;
  readonly valkeyPort: number;
  readonly dataVolumeId: string;
  readonly dataDeviceName: string;
  readonly metricsNamespace: string;
  readonly logGroupName: string;
  readonly region: string;
  readonly signalStack: string;
  readonly signalResource: string;
  /**
   * SSM parameter that records the data volume a database was initialised on:
   * a blank volume is only formatted while it still says `none`.
   */
  readonly initMarkerParameter: string;
  /** SSM parameter the bootstrap publishes the host's TLS CA certificate (PEM) into. */
  readonly caCertificateParameter: string;
  /** TimescaleDB package version, installed exactly and held. */
  readonly timescaledbVersion: string;
  /** Fingerprints the TimescaleDB repository's signing key may have. */
  readonly timescaledbKeyFingerprints: string[];
  /** pgBackRest and restore settings (`PGBACKREST_*`, `RESTORE_*`) of the continuous archive, read by archive.sh. */
  readonly archiveSettings?: Record<string, string>;
}

/** The KEY=VALUE lines, in a stable order (existing keys first, so deployed parameters change only where a value does). */
export function bootstrapConfigLines(c: BootstrapConfig): string[] {
  const settings: Array<[string, string]> = [
    ['PG_VERSION', String(c.postgresVersion)],
    ['PG_MAX_CONNECTIONS', String(c.maxConnections)],
    ['PG_CLIENT_CIDRS', c.clientCidrs.join(',')],
    ['PG_DATA_ROOT', c.dataRoot],
    ['APP_USER', c.applicationUser],
    ['APP_DATABASE', c.applicationDatabase],
    ['SUPERUSER_SECRET_ID', c.superuserSecretArn],
    ['APP_SECRET_ID', c.applicationSecretArn],
    ['VALKEY_SECRET_ID', c.valkeySecretArn],
    ['VALKEY_PORT', String(c.valkeyPort)],
    ['DATA_VOLUME_ID', c.dataVolumeId],
    ['DATA_DEVICE_NAME', c.dataDeviceName],
    ['METRICS_NAMESPACE', c.metricsNamespace],
    ['LOG_GROUP_NAME', c.logGroupName],
    ['REGION', c.region],
    ['SIGNAL_STACK', c.signalStack],
    ['SIGNAL_RESOURCE', c.signalResource],
    ['INIT_MARKER_PARAMETER', c.initMarkerParameter],
    ['CA_PARAMETER', c.caCertificateParameter],
    ['TIMESCALEDB_VERSION', c.timescaledbVersion],
    ['TIMESCALEDB_KEY_FINGERPRINTS', c.timescaledbKeyFingerprints.join(',')],
  ];
  settings.push(...Object.entries(c.archiveSettings ?? {}));
  return settings.map(([key, value]) => `${key}=${value}`);
}
