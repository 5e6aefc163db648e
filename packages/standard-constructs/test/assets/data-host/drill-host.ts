/**
 * A data host for tests: its own PostgreSQL cluster, port, data root and
 * Valkey, brought up by the real bootstrap script (as shipped: archive.sh inlined) in test mode with the AWS
 * CLI replaced by the fake in fixtures/ (secrets, signals, metric data).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fakeAwsEnv, installFakeAws, stopValkey } from './bootstrap-harness';
import { bundledBootstrapScript } from '../../../src/data-host/bootstrap-script-bundle';

export interface DrillHostPaths {
  /** A directory the host may create and own. */
  readonly root: string;
  readonly pgVersion: string;
}

export class DrillHost {
  public readonly pgPort: number;
  public readonly valkeyPort: number;
  public readonly cluster: string;
  public readonly instanceId = 'i-0123456789abcdef0';
  public readonly pgbackrestConfig: string;
  public readonly backupScript: string;
  public readonly archiveMetricsScript: string;
  public bootstrapLog = '';
  private readonly fakeDir: string;
  private readonly configFile: string;
  private readonly dataRoot: string;

  constructor(private readonly paths: DrillHostPaths, port: number, extraConfig: string[]) {
    const root = paths.root;
    this.pgPort = port;
    this.valkeyPort = port + 1;
    this.cluster = `drill${process.pid}p${port}`;
    fs.mkdirSync(root, { recursive: true, mode: 0o755 });
    const dataRoot = path.join(root, 'pgdata');
    fs.mkdirSync(dataRoot);
    execFileSync('chown', ['postgres:postgres', dataRoot]);
    this.fakeDir = path.join(root, 'fake-aws');
    // A new database: the init marker says no volume was initialised yet; the CA is published on first run.
    installFakeAws(this.fakeDir);
    this.dataRoot = dataRoot;
    this.pgbackrestConfig = path.join(root, 'pgbackrest', 'pgbackrest.conf');
    this.backupScript = path.join(root, 'sbin', 'data-host-backup');
    this.archiveMetricsScript = path.join(root, 'sbin', 'data-host-archive-metrics');
    this.configFile = path.join(root, 'config');
    fs.writeFileSync(this.configFile, [
      `PG_VERSION=${paths.pgVersion}`,
      `PG_CLUSTER=${this.cluster}`,
      `PG_PORT=${this.pgPort}`,
      `PG_DATA_ROOT=${dataRoot}`,
      'PG_MAX_CONNECTIONS=50',
      'PG_CLIENT_CIDRS=10.40.0.0/24',
      'APP_USER=tracker',
      'APP_DATABASE=tracker',
      'SUPERUSER_SECRET_ID=superuser',
      'APP_SECRET_ID=app',
      'VALKEY_SECRET_ID=valkey',
      `VALKEY_PORT=${this.valkeyPort}`,
      `CONFIG_DIR=${path.join(root, 'etc')}`,
      'MEMORY_MB=1024',
      'REGION=eu-west-2',
      'SIGNAL_STACK=DrillStack',
      'SIGNAL_RESOURCE=HostBootstrapped',
      `INSTANCE_ID=${this.instanceId}`,
      `PG_METRICS_SCRIPT=${path.join(root, 'sbin', 'data-host-pg-metrics')}`,
      'INIT_MARKER_PARAMETER=marker',
      'CA_PARAMETER=ca',
      `SYSTEMD_DIR=${path.join(root, 'systemd')}`,
      `FSTAB_FILE=${path.join(root, 'fstab')}`,
      `PGBACKREST_CONFIG=${this.pgbackrestConfig}`,
      `PGBACKREST_LOG_PATH=${path.join(root, 'pgbackrest-log')}`,
      `PGBACKREST_LOCK_PATH=${path.join(root, 'pgbackrest-lock')}`,
      `ARCHIVE_BACKUP_SCRIPT=${this.backupScript}`,
      `ARCHIVE_METRICS_SCRIPT=${this.archiveMetricsScript}`,
      ...extraConfig,
      '',
    ].join('\n'));
  }

  /** The environment the bootstrap and the scripts it writes run with: the fake AWS CLI first on PATH. */
  public env(): NodeJS.ProcessEnv {
    return fakeAwsEnv(this.fakeDir);
  }

  public bootstrap(): void {
    // What the host downloads: bootstrap.sh with archive.sh inlined, alone in its directory.
    const script = path.join(this.paths.root, 'data-host-bootstrap');
    fs.writeFileSync(script, bundledBootstrapScript(), { mode: 0o700 });
    const result = spawnSync('bash', [script, this.configFile], { encoding: 'utf8', env: this.env() });
    this.bootstrapLog = result.stderr;
    if (result.status !== 0) throw new Error(`bootstrap failed (${result.status}):\n${result.stderr}`);
  }

  /** Runs a command as root with the host's environment; returns its output, throws with its stderr on failure. */
  public run(command: string, ...args: string[]): string {
    const result = spawnSync(command, args, { encoding: 'utf8', env: this.env() });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
    return result.stdout;
  }

  /** Runs SQL as the postgres superuser over the Unix socket (peer authentication). */
  public sql(database: string, query: string): string {
    return execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-X', '-At', '-v', 'ON_ERROR_STOP=1',
      '-p', String(this.pgPort), '-d', database, '-c', query], { encoding: 'utf8' }).trim();
  }

  /** The `cloudwatch put-metric-data` calls the fake AWS CLI recorded, oldest first. */
  public metricCalls(): Array<Record<string, string>> {
    const file = path.join(this.fakeDir, 'metrics');
    if (!fs.existsSync(file)) return [];
    return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  }

  /** Stops and removes the cluster and Valkey; leaves the root directory to the caller. */
  public destroy(): void {
    spawnSync('pg_dropcluster', ['--stop', this.paths.pgVersion, this.cluster]);
    fs.rmSync(`/etc/postgresql/${this.paths.pgVersion}/${this.cluster}`, { recursive: true, force: true });
    fs.rmSync(`/var/log/postgresql/postgresql-${this.paths.pgVersion}-${this.cluster}.log`, { force: true });
    stopValkey(this.dataRoot, this.valkeyPort);
  }
}
