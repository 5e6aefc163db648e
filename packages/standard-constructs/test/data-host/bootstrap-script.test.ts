/**
 * Runs the data host's bootstrap script for real, in its test mode, against
 * Debian's PostgreSQL 15 + PostGIS and redis-server (installed by `.ci/run`),
 * with the AWS CLI replaced by a fake. Needs root, like the script itself.
 * Then runs the connections publisher it writes against the same cluster.
 */
import { ChildProcess, execFileSync, spawn, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeWithDebian } from './debian-packages';

const SCRIPT = path.join(__dirname, '..', '..', 'assets', 'data-host', 'bootstrap.sh');
const FAKE_AWS = path.join(__dirname, 'fixtures', 'fake-aws');
const PG_VERSION = '15';
const PG_PORT = 54000 + (process.pid % 1000);
const VALKEY_PORT = 63000 + (process.pid % 1000);
const CLUSTER = `dhtest${process.pid}`;
const PASSWORDS = { superuser: 'Super0user0password0', app: 'App0password0for0tracker', valkey: 'Valkey0password0abc' };
const INSTANCE_ID = 'i-0123456789abcdef0';
const describeBootstrap = describeWithDebian('bootstrap.sh test', {
  commands: ['pg_createcluster', 'pg_ctlcluster', 'psql', 'redis-server', 'redis-cli', 'runuser', 'shellcheck'],
  packages: [`postgresql-${PG_VERSION}`, `postgresql-${PG_VERSION}-postgis-3`, 'redis-server', 'shellcheck'],
  root: true,
});
/** What a held connection runs: long enough to outlast the test, ended by pg_terminate_backend. */
const HOLD_QUERY = 'SELECT pg_sleep(300)';

jest.setTimeout(300_000);

interface Run { readonly result: SpawnSyncReturns<string>; readonly seconds: number }

let root: string;
let fakeDir: string;
let configFile: string;
let publisher: string;
const runs: Run[] = [];
const startedBeforeSecondRun = { postgres: '', valkey: '' };
const publisherBeforeSecondRun = { content: '', mtimeMs: 0, ino: 0 };
const holders: ChildProcess[] = [];

function bootstrap(): Run {
  const started = Date.now();
  const result = spawnSync('bash', [SCRIPT, configFile], {
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${path.join(fakeDir, 'bin')}:${process.env.PATH}`,
      DATA_HOST_TEST_MODE: '1',
      FAKE_AWS_DIR: fakeDir,
    },
  });
  const run = { result, seconds: (Date.now() - started) / 1000 };
  if (result.status !== 0) throw new Error(`bootstrap failed (${result.status}):\n${result.stderr}`);
  return run;
}

/** Runs SQL as the postgres superuser over the Unix socket (peer authentication). */
function sql(database: string, query: string): string {
  return execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-X', '-At', '-v', 'ON_ERROR_STOP=1',
    '-p', String(PG_PORT), '-d', database, '-c', query], { encoding: 'utf8' }).trim();
}

/** Connects over TCP as the application role, with the given password or none. */
function appLogin(password?: string): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, PGPASSFILE: '/dev/null', PGCONNECT_TIMEOUT: '5' };
  delete env.PGPASSWORD;
  if (password !== undefined) env.PGPASSWORD = password;
  return spawnSync('psql', ['-X', '-At', '-w', '-h', '127.0.0.1', '-p', String(PG_PORT), '-U', 'tracker', '-d', 'tracker',
    '-c', 'SELECT current_user'], { encoding: 'utf8', env });
}

/** Runs the publisher the bootstrap wrote, as root like its systemd service, with the fake AWS CLI. */
function publish(env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(publisher, [], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${path.join(fakeDir, 'bin')}:${process.env.PATH}`, FAKE_AWS_DIR: fakeDir, ...env },
  });
}

/** The `cloudwatch put-metric-data` calls the fake AWS CLI recorded, oldest first. */
function metricCalls(): Array<Record<string, string>> {
  const file = path.join(fakeDir, 'metrics');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** Client connections as pg_stat_activity shows them, not counting the one asking. */
function clientConnections(): number {
  return Number(sql('postgres', 'SELECT count(*) FROM pg_stat_activity WHERE backend_type = \'client backend\' AND pid <> pg_backend_pid()'));
}

/** Opens a connection that stays open (busy in pg_sleep): over the socket as postgres, or over TCP as the application. */
function holdConnection(over: 'socket' | 'tcp'): void {
  const child = over === 'socket'
    ? spawn('runuser', ['-u', 'postgres', '--', 'psql', '-X', '-q', '-p', String(PG_PORT), '-d', 'postgres', '-c', HOLD_QUERY], { stdio: 'ignore' })
    : spawn('psql', ['-X', '-q', '-w', '-h', '127.0.0.1', '-p', String(PG_PORT), '-U', 'tracker', '-d', 'tracker', '-c', HOLD_QUERY], {
      stdio: 'ignore', env: { ...process.env, PGPASSWORD: PASSWORDS.app, PGPASSFILE: '/dev/null' },
    });
  holders.push(child);
}

function heldConnections(): number {
  return Number(sql('postgres', `SELECT count(*) FROM pg_stat_activity WHERE query = '${HOLD_QUERY}' AND state = 'active'`));
}

async function waitFor(what: string, condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function valkey(...args: string[]): string {
  return execFileSync('redis-cli', ['-p', String(VALKEY_PORT), '--no-auth-warning', ...args], { encoding: 'utf8' }).trim();
}

function valkeyRunId(): string {
  return /run_id:(\w+)/.exec(valkey('-a', PASSWORDS.valkey, 'INFO', 'server'))?.[1] ?? '';
}

function timescaleInstalled(): boolean {
  return fs.existsSync(`/usr/share/postgresql/${PG_VERSION}/extension/timescaledb.control`);
}

describeBootstrap('bootstrap.sh (test mode, PostgreSQL 15)', () => {
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'data-host-'));
    fs.chmodSync(root, 0o755);
    const dataRoot = path.join(root, 'pgdata');
    fs.mkdirSync(dataRoot);
    execFileSync('chown', ['postgres:postgres', dataRoot]);

    fakeDir = path.join(root, 'fake-aws');
    fs.mkdirSync(path.join(fakeDir, 'bin'), { recursive: true });
    fs.copyFileSync(FAKE_AWS, path.join(fakeDir, 'bin', 'aws'));
    fs.chmodSync(path.join(fakeDir, 'bin', 'aws'), 0o755);
    fs.mkdirSync(path.join(fakeDir, 'secrets'));
    for (const [id, username, password] of [
      ['superuser', 'postgres', PASSWORDS.superuser], ['app', 'tracker', PASSWORDS.app], ['valkey', 'default', PASSWORDS.valkey],
    ]) {
      fs.writeFileSync(path.join(fakeDir, 'secrets', id), JSON.stringify({ username, password }));
    }

    configFile = path.join(root, 'config');
    fs.writeFileSync(configFile, [
      `PG_VERSION=${PG_VERSION}`,
      `PG_CLUSTER=${CLUSTER}`,
      `PG_PORT=${PG_PORT}`,
      `PG_DATA_ROOT=${dataRoot}`,
      'PG_MAX_CONNECTIONS=50',
      'PG_LISTEN_ADDRESSES=127.0.0.1',
      'PG_CLIENT_CIDRS=10.40.0.0/24,10.41.0.0/24',
      'APP_USER=tracker',
      'APP_DATABASE=tracker',
      'SUPERUSER_SECRET_ID=superuser',
      'APP_SECRET_ID=app',
      'VALKEY_SECRET_ID=valkey',
      `VALKEY_PORT=${VALKEY_PORT}`,
      'VALKEY_BIND=127.0.0.1',
      `VALKEY_DATA_DIR=${path.join(root, 'valkey')}`,
      `CONFIG_DIR=${path.join(root, 'etc')}`,
      'MEMORY_MB=1024',
      'REGION=eu-west-2',
      'SIGNAL_STACK=TestStack',
      'SIGNAL_RESOURCE=HostBootstrapped',
      `INSTANCE_ID=${INSTANCE_ID}`,
      `PG_METRICS_SCRIPT=${path.join(root, 'sbin', 'data-host-pg-metrics')}`,
      '',
    ].join('\n'));
    publisher = path.join(root, 'sbin', 'data-host-pg-metrics');

    runs.push(bootstrap());
    const written = fs.statSync(publisher);
    Object.assign(publisherBeforeSecondRun, { content: fs.readFileSync(publisher, 'utf8'), mtimeMs: written.mtimeMs, ino: written.ino });
    // Data written between the runs must survive the second run.
    sql('tracker', 'CREATE TABLE readings (id int PRIMARY KEY, value text); INSERT INTO readings VALUES (1, \'a\'), (2, \'b\'), (3, \'c\')');
    valkey('-a', PASSWORDS.valkey, 'SET', 'persisted', 'yes');
    startedBeforeSecondRun.postgres = sql('postgres', 'SELECT pg_postmaster_start_time()');
    startedBeforeSecondRun.valkey = valkeyRunId();
    runs.push(bootstrap());
    // eslint-disable-next-line no-console
    console.log(`bootstrap runs took ${runs.map((r) => `${r.seconds.toFixed(1)} s`).join(' and ')}`);
  });

  afterAll(() => {
    for (const holder of holders) if (holder.exitCode === null && holder.signalCode === null) holder.kill();
    spawnSync('pg_dropcluster', ['--stop', PG_VERSION, CLUSTER]);
    const pidFile = root ? path.join(root, 'valkey', 'valkey.pid') : '';
    if (pidFile && fs.existsSync(pidFile)) {
      // SHUTDOWN NOSAVE exits at once; a plain SIGTERM saves first and refuses to exit if its directory vanished.
      const pid = fs.readFileSync(pidFile, 'utf8').trim();
      spawnSync('redis-cli', ['-p', String(VALKEY_PORT), '-a', PASSWORDS.valkey, '--no-auth-warning', 'SHUTDOWN', 'NOSAVE']);
      const alive = () => spawnSync('kill', ['-0', pid]).status === 0 && !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
      for (let i = 0; i < 50 && alive(); i++) spawnSync('sleep', ['0.1']);
      if (alive()) spawnSync('kill', ['-9', pid]);
    }
    // pg_dropcluster leaves files it did not create (the bootstrap's conf.d drop-in).
    fs.rmSync(`/etc/postgresql/${PG_VERSION}/${CLUSTER}`, { recursive: true, force: true });
    fs.rmSync(`/var/log/postgresql/postgresql-${PG_VERSION}-${CLUSTER}.log`, { force: true });
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('signals SUCCESS on each run', () => {
    expect(fs.readFileSync(path.join(fakeDir, 'signals'), 'utf8').trim().split('\n'))
      .toEqual(['HostBootstrapped SUCCESS', 'HostBootstrapped SUCCESS']);
  });

  test('creates the application role and its database', () => {
    expect(sql('postgres', 'SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = \'tracker\'')).toBe('t|f');
    expect(sql('postgres', 'SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = \'tracker\'')).toBe('tracker');
  });

  test('creates the extensions, TimescaleDB only where it is installed', () => {
    const extensions = sql('tracker', 'SELECT extname FROM pg_extension').split('\n');
    expect(extensions).toEqual(expect.arrayContaining(['postgis', 'postgis_topology', 'pg_stat_statements']));
    expect(extensions.includes('timescaledb')).toBe(timescaleInstalled());
  });

  test('configures preload libraries, connections and memory from the config', () => {
    expect(sql('postgres', 'SHOW shared_preload_libraries')).toBe(
      timescaleInstalled() ? 'timescaledb,pg_stat_statements' : 'pg_stat_statements');
    expect(sql('postgres', 'SHOW max_connections')).toBe('50');
    expect(sql('postgres', 'SHOW shared_buffers')).toBe('256MB');
  });

  test('pg_hba: scram-sha-256 for the client CIDRs only', () => {
    const rules = sql('postgres', 'SELECT type, database[1], user_name[1], address, auth_method FROM pg_hba_file_rules '
      + 'WHERE type = \'host\' ORDER BY line_number').split('\n');
    expect(rules).toEqual([
      'host|all|all|127.0.0.1|scram-sha-256',
      'host|all|all|::1|scram-sha-256',
      'host|tracker|tracker|10.40.0.0|scram-sha-256',
      'host|tracker|tracker|10.41.0.0|scram-sha-256',
    ]);
  });

  test('rejects a password-less or wrong-password login, accepts the secret password', () => {
    const none = appLogin();
    expect(none.status).not.toBe(0);
    expect(none.stderr).toMatch(/password/);
    expect(appLogin('wrong').status).not.toBe(0);
    const ok = appLogin(PASSWORDS.app);
    expect(ok.stderr).toBe('');
    expect(ok.stdout.trim()).toBe('tracker');
  });

  test('Valkey/redis demands the password and persists with AOF', () => {
    expect(valkey('PING')).toMatch(/NOAUTH/);
    expect(valkey('-a', PASSWORDS.valkey, 'PING')).toBe('PONG');
    expect(valkey('-a', PASSWORDS.valkey, 'CONFIG', 'GET', 'appendonly')).toBe('appendonly\nyes');
    expect(valkey('-a', PASSWORDS.valkey, 'CONFIG', 'GET', 'protected-mode')).toBe('protected-mode\nyes');
  });

  test('a second run keeps the rows and keys written after the first', () => {
    expect(sql('tracker', 'SELECT string_agg(value, \',\' ORDER BY id) FROM readings')).toBe('a,b,c');
    expect(valkey('-a', PASSWORDS.valkey, 'GET', 'persisted')).toBe('yes');
  });

  test('a second run changes no file and restarts nothing', () => {
    expect(runs[0].result.stderr).toMatch(/wrote .*90-data-host\.conf/);
    expect(runs[1].result.stderr).not.toMatch(/wrote |creating cluster/);
    expect(sql('postgres', 'SELECT pg_postmaster_start_time()')).toBe(startedBeforeSecondRun.postgres);
    expect(valkeyRunId()).toBe(startedBeforeSecondRun.valkey);
    expect(startedBeforeSecondRun.valkey).not.toBe('');
  });

  test('writes the connections publisher once: a second run leaves it untouched', () => {
    expect(runs[0].result.stderr).toContain(`wrote ${publisher}`);
    const after = fs.statSync(publisher);
    expect(fs.readFileSync(publisher, 'utf8')).toBe(publisherBeforeSecondRun.content);
    expect({ mtimeMs: after.mtimeMs, ino: after.ino }).toEqual({ mtimeMs: publisherBeforeSecondRun.mtimeMs, ino: publisherBeforeSecondRun.ino });
    expect((after.mode % 0o1000).toString(8)).toBe('750');
    expect(after.uid).toBe(0);
  });

  test('the publisher is shellcheck-clean, with its settings baked in', () => {
    const result = spawnSync('shellcheck', ['--shell=bash', publisher], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
    expect(publisherBeforeSecondRun.content).toContain(`readonly PG_PORT=${PG_PORT} REGION=eu-west-2 NAMESPACE=CWAgent INSTANCE_ID=${INSTANCE_ID}\n`);
  });

  test('publishes the client connection count pg_stat_activity shows: two held, then none', async () => {
    const before = metricCalls().length;
    holdConnection('socket');
    holdConnection('tcp');
    await waitFor('two held connections', () => heldConnections() === 2);

    const countedBefore = clientConnections();
    const held = publish();
    const countedAfter = clientConnections();
    expect(held.stderr).toBe('');
    expect(held.status).toBe(0);
    // Nothing else is connected: exactly the two held connections, not the publisher's own.
    expect([countedBefore, countedAfter]).toEqual([2, 2]);

    sql('postgres', `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = '${HOLD_QUERY}'`);
    await waitFor('the held connections to close', () => clientConnections() === 0);
    const idle = publish();
    expect(idle.status).toBe(0);

    expect(metricCalls().slice(before)).toEqual([2, 0].map((value) => ({
      region: 'eu-west-2',
      namespace: 'CWAgent',
      metricName: 'postgresql_connections',
      dimensions: `InstanceId=${INSTANCE_ID}`,
      unit: 'Count',
      value: String(value),
    })));
  });

  test('a failed publish or count logs one line and exits 0 (the timer keeps going; missing data alarms)', () => {
    const before = metricCalls().length;
    const refused = publish({ FAKE_AWS_FAIL_METRICS: '1' });
    expect(refused.status).toBe(0);
    expect(refused.stderr).toMatch(/data-host-pg-metrics: publishing 0 connections failed/);

    // PostgreSQL down: nothing to count, nothing published.
    execFileSync('pg_ctlcluster', [PG_VERSION, CLUSTER, 'stop']);
    try {
      const down = publish();
      expect(down.status).toBe(0);
      expect(down.stderr).toMatch(/data-host-pg-metrics: cannot count PostgreSQL connections on port \d+; nothing published/);
    } finally {
      execFileSync('pg_ctlcluster', [PG_VERSION, CLUSTER, 'start']);
    }
    expect(metricCalls()).toHaveLength(before);
  });
});
