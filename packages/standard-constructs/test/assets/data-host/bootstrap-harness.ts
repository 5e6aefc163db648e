/**
 * A throwaway "host" for running the real bootstrap script in its test mode:
 * a temporary root, a fake AWS CLI (secrets, SSM parameters, signals and
 * metrics as files), optionally a loop device as the data volume, and a
 * config file. Needs root, like the script.
 */
import { execFileSync, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeWithDebian } from './debian-packages';

export const SCRIPT = path.join(__dirname, '..', '..', '..', 'assets', 'data-host', 'bootstrap.sh');
const FAKE_AWS = path.join(__dirname, 'fixtures', 'fake-aws');
export const PG_VERSION = '15';
export const PASSWORDS = { superuser: 'Super0user0password0', app: 'App0password0for0tracker', valkey: 'Valkey0password0abc' };
export const INSTANCE_ID = 'i-0123456789abcdef0';
export const SIGNAL_RESOURCE = 'HostBootstrapped';

/** `describe` for suites that run the bootstrap: skipped loudly without the Debian packages or root. */
export function describeBootstrap(suite: string): jest.Describe {
  return describeWithDebian(suite, {
    commands: ['pg_createcluster', 'pg_ctlcluster', 'psql', 'redis-server', 'redis-cli', 'runuser', 'shellcheck',
      'losetup', 'mkfs.ext4', 'openssl', 'gpg'],
    packages: [`postgresql-${PG_VERSION}`, `postgresql-${PG_VERSION}-postgis-3`, 'redis-server', 'shellcheck', 'openssl', 'gpg'],
    root: true,
  });
}

export interface HostOptions {
  /** Size of a loop-device data volume; without one the data root is a plain directory. */
  readonly volumeMiB?: number;
  /** The init marker's starting value. */
  readonly marker?: string;
}

let counter = 0;

/**
 * The fake AWS CLI under `fakeDir`: first on the PATH (`fakeAwsEnv`), it serves
 * the three host secrets and the init-marker and CA parameters from files, and
 * records signals and metric data as files.
 */
export function installFakeAws(fakeDir: string, marker = 'none'): void {
  fs.mkdirSync(path.join(fakeDir, 'bin'), { recursive: true });
  fs.copyFileSync(FAKE_AWS, path.join(fakeDir, 'bin', 'aws'));
  fs.chmodSync(path.join(fakeDir, 'bin', 'aws'), 0o755);
  fs.mkdirSync(path.join(fakeDir, 'secrets'));
  for (const [id, username, password] of [
    ['superuser', 'postgres', PASSWORDS.superuser], ['app', 'tracker', PASSWORDS.app], ['valkey', 'default', PASSWORDS.valkey],
  ]) {
    fs.writeFileSync(path.join(fakeDir, 'secrets', id), JSON.stringify({ username, password }));
  }
  fs.mkdirSync(path.join(fakeDir, 'parameters'));
  fs.writeFileSync(path.join(fakeDir, 'parameters', 'marker'), marker);
  fs.writeFileSync(path.join(fakeDir, 'parameters', 'ca'), 'pending');
}

/** The environment the bootstrap (and what it writes) runs with in test mode: the fake AWS CLI first on PATH. */
export function fakeAwsEnv(fakeDir: string): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${path.join(fakeDir, 'bin')}:${process.env.PATH}`, DATA_HOST_TEST_MODE: '1', FAKE_AWS_DIR: fakeDir };
}

/** Stops the Valkey the bootstrap started, by its pid file under the data root; waits for it to exit. */
export function stopValkey(dataRoot: string, port: number): void {
  const pidFile = path.join(dataRoot, 'valkey', 'valkey.pid');
  if (!fs.existsSync(pidFile)) return;
  // SHUTDOWN NOSAVE exits at once; a plain SIGTERM saves first and refuses to exit if its directory vanished.
  const pid = fs.readFileSync(pidFile, 'utf8').trim();
  spawnSync('redis-cli', ['--tls', '--insecure', '-p', String(port), '-a', PASSWORDS.valkey, '--no-auth-warning', 'SHUTDOWN', 'NOSAVE']);
  const alive = () => spawnSync('kill', ['-0', pid]).status === 0 && !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  for (let i = 0; i < 50 && alive(); i++) spawnSync('sleep', ['0.1']);
  if (alive()) spawnSync('kill', ['-9', pid]);
}

export class TestHost {
  public readonly root: string;
  public readonly dataRoot: string;
  public readonly fakeDir: string;
  public readonly configFile: string;
  public readonly cluster: string;
  public readonly pgPort: number;
  public readonly valkeyPort: number;
  public readonly publisher: string;
  public readonly systemdDir: string;
  public readonly volumeId?: string;
  public readonly device?: string;
  private readonly image?: string;

  constructor(options: HostOptions = {}) {
    counter += 1;
    const slot = (process.pid * 7 + counter * 131) % 1000;
    this.pgPort = 54000 + slot;
    this.valkeyPort = 63000 + slot;
    this.cluster = `dhtest${process.pid}x${counter}`;
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'data-host-'));
    fs.chmodSync(this.root, 0o755);
    this.dataRoot = path.join(this.root, 'pgdata');
    fs.mkdirSync(this.dataRoot);
    this.fakeDir = path.join(this.root, 'fake-aws');
    installFakeAws(this.fakeDir, options.marker);
    // No network address yet, as at an early boot: the script must not depend on one.
    fs.writeFileSync(path.join(this.fakeDir, 'bin', 'hostname'), '#!/bin/sh\necho\n', { mode: 0o755 });
    this.systemdDir = path.join(this.root, 'systemd');
    this.publisher = path.join(this.root, 'sbin', 'data-host-pg-metrics');
    if (options.volumeMiB) {
      // In memory where possible: fsync on a loop device backed by a disk file makes initdb several times slower.
      this.image = path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : this.root, `data-host-volume-${process.pid}-${counter}.img`);
      execFileSync('truncate', ['-s', `${options.volumeMiB}M`, this.image]);
      this.device = execFileSync('losetup', ['--find', '--show', this.image], { encoding: 'utf8' }).trim();
      this.volumeId = `vol-test${process.pid}x${counter}`;
    } else {
      execFileSync('chown', ['postgres:postgres', this.dataRoot]);
    }
    this.configFile = path.join(this.root, 'config');
    this.writeConfig();
  }

  /** The config the construct would write, with `overrides` (undefined drops a key). */
  public writeConfig(overrides: Record<string, string | undefined> = {}, file = this.configFile): string {
    const settings: Record<string, string | undefined> = {
      PG_VERSION,
      PG_CLUSTER: this.cluster,
      PG_PORT: String(this.pgPort),
      PG_DATA_ROOT: this.dataRoot,
      PG_MAX_CONNECTIONS: '50',
      PG_CLIENT_CIDRS: '10.40.0.0/24,10.41.0.0/24',
      APP_USER: 'tracker',
      APP_DATABASE: 'tracker',
      SUPERUSER_SECRET_ID: 'superuser',
      APP_SECRET_ID: 'app',
      VALKEY_SECRET_ID: 'valkey',
      VALKEY_PORT: String(this.valkeyPort),
      CONFIG_DIR: path.join(this.root, 'etc'),
      MEMORY_MB: '1024',
      REGION: 'eu-west-2',
      SIGNAL_STACK: 'TestStack',
      SIGNAL_RESOURCE,
      INSTANCE_ID,
      PG_METRICS_SCRIPT: this.publisher,
      INIT_MARKER_PARAMETER: 'marker',
      CA_PARAMETER: 'ca',
      SYSTEMD_DIR: this.systemdDir,
      FSTAB_FILE: path.join(this.root, 'fstab'),
      DATA_VOLUME_ID: this.volumeId,
      DATA_DEVICE_NAME: this.device,
      ...overrides,
    };
    const lines = Object.entries(settings).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  public get env(): NodeJS.ProcessEnv {
    return fakeAwsEnv(this.fakeDir);
  }

  /** Runs the bootstrap; returns its result and duration whatever the outcome. */
  public run(args: string[] = [this.configFile], env: NodeJS.ProcessEnv = {}): { result: SpawnSyncReturns<string>; seconds: number } {
    const started = Date.now();
    const result = spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8', env: { ...this.env, ...env } });
    return { result, seconds: (Date.now() - started) / 1000 };
  }

  /** Runs the bootstrap and throws with its log when it fails. */
  public bootstrap(args?: string[]): { result: SpawnSyncReturns<string>; seconds: number } {
    const run = this.run(args);
    if (run.result.status !== 0) throw new Error(`bootstrap failed (${run.result.status}):\n${run.result.stderr}`);
    return run;
  }

  public signals(): string[] {
    const file = path.join(this.fakeDir, 'signals');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : [];
  }

  public parameter(name: string): string {
    return fs.readFileSync(path.join(this.fakeDir, 'parameters', name), 'utf8');
  }

  /** Runs SQL as the postgres superuser over the Unix socket (peer authentication). */
  public sql(database: string, query: string): string {
    return execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-X', '-At', '-v', 'ON_ERROR_STOP=1',
      '-p', String(this.pgPort), '-d', database, '-c', query], { encoding: 'utf8' }).trim();
  }

  public get tlsDir(): string {
    return path.join(this.dataRoot, 'tls');
  }

  /** redis-cli over TLS, verifying the server against the host CA. */
  public valkey(...args: string[]): string {
    return execFileSync('redis-cli', ['--tls', '--cacert', path.join(this.tlsDir, 'ca.crt'), '-h', '127.0.0.1',
      '-p', String(this.valkeyPort), '--no-auth-warning', ...args], { encoding: 'utf8' }).trim();
  }

  /** Stops what the bootstrap started and removes every trace of it. */
  public cleanup(): void {
    spawnSync('pg_dropcluster', ['--stop', PG_VERSION, this.cluster]);
    stopValkey(this.dataRoot, this.valkeyPort);
    // pg_dropcluster leaves files it did not create (the bootstrap's conf.d drop-ins).
    fs.rmSync(`/etc/postgresql/${PG_VERSION}/${this.cluster}`, { recursive: true, force: true });
    fs.rmSync(`/var/log/postgresql/postgresql-${PG_VERSION}-${this.cluster}.log`, { force: true });
    if (this.device) {
      spawnSync('umount', [this.dataRoot]);
      spawnSync('losetup', ['-d', this.device]);
    }
    if (this.image) fs.rmSync(this.image, { force: true });
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
