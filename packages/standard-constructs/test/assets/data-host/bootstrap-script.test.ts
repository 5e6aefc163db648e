/**
 * Runs the data host's bootstrap script for real, in its test mode, against
 * Debian's PostgreSQL 15 + PostGIS and redis-server (installed by `.ci/run`),
 * on a loop device as the data volume, with the AWS CLI replaced by a fake.
 * Needs root, like the script itself. Then runs the connections publisher it
 * writes against the same cluster.
 */
import { ChildProcess, execFileSync, spawn, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describeBootstrap, INSTANCE_ID, PASSWORDS, PG_VERSION, SCRIPT, TestHost } from './bootstrap-harness';

/** What a held connection runs: long enough to outlast the test, ended by pg_terminate_backend. */
const HOLD_QUERY = 'SELECT pg_sleep(300)';

jest.setTimeout(300_000);

interface Run { readonly result: SpawnSyncReturns<string>; readonly seconds: number }

let host: TestHost;
const runs: Run[] = [];
const startedBeforeSecondRun = { postgres: '', valkey: '' };
const publisherBeforeSecondRun = { content: '', mtimeMs: 0, ino: 0 };
const holders: ChildProcess[] = [];

/** Connects over TCP as the application role, with the given password or none, and libpq TLS settings. */
function appLogin(password?: string, tls: Record<string, string> = { PGSSLMODE: 'require' }, hostName = '127.0.0.1'): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, PGPASSFILE: '/dev/null', PGCONNECT_TIMEOUT: '5', ...tls };
  delete env.PGPASSWORD;
  if (password !== undefined) env.PGPASSWORD = password;
  return spawnSync('psql', ['-X', '-At', '-w', '-h', hostName, '-p', String(host.pgPort), '-U', 'tracker', '-d', 'tracker',
    '-c', 'SELECT current_user || \' \' || ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'], { encoding: 'utf8', env });
}

/** Runs the publisher the bootstrap wrote, as root like its systemd service, with the fake AWS CLI. */
function publish(env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(host.publisher, [], { encoding: 'utf8', env: { ...host.env, ...env } });
}

/** The `cloudwatch put-metric-data` calls the fake AWS CLI recorded, oldest first. */
function metricCalls(): Array<Record<string, string>> {
  const file = path.join(host.fakeDir, 'metrics');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** Client connections as pg_stat_activity shows them, not counting the one asking. */
function clientConnections(): number {
  return Number(host.sql('postgres', 'SELECT count(*) FROM pg_stat_activity WHERE backend_type = \'client backend\' AND pid <> pg_backend_pid()'));
}

/** Opens a connection that stays open (busy in pg_sleep): over the socket as postgres, or over TCP (TLS) as the application. */
function holdConnection(over: 'socket' | 'tcp'): void {
  const child = over === 'socket'
    ? spawn('runuser', ['-u', 'postgres', '--', 'psql', '-X', '-q', '-p', String(host.pgPort), '-d', 'postgres', '-c', HOLD_QUERY], { stdio: 'ignore' })
    : spawn('psql', ['-X', '-q', '-w', '-h', '127.0.0.1', '-p', String(host.pgPort), '-U', 'tracker', '-d', 'tracker', '-c', HOLD_QUERY], {
      stdio: 'ignore', env: { ...process.env, PGPASSWORD: PASSWORDS.app, PGPASSFILE: '/dev/null', PGSSLMODE: 'require' },
    });
  holders.push(child);
}

function heldConnections(): number {
  return Number(host.sql('postgres', `SELECT count(*) FROM pg_stat_activity WHERE query = '${HOLD_QUERY}' AND state = 'active'`));
}

async function waitFor(what: string, condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function valkeyRunId(): string {
  return /run_id:(\w+)/.exec(host.valkey('-a', PASSWORDS.valkey, 'INFO', 'server'))?.[1] ?? '';
}

function timescaleInstalled(): boolean {
  return fs.existsSync(`/usr/share/postgresql/${PG_VERSION}/extension/timescaledb.control`);
}

function postmasterStart(): string {
  return host.sql('postgres', 'SELECT pg_postmaster_start_time()');
}

describeBootstrap('bootstrap.sh (test mode, PostgreSQL 15)')('bootstrap.sh (test mode, PostgreSQL 15)', () => {
  beforeAll(() => {
    host = new TestHost({ volumeMiB: 256 });
    runs.push(host.bootstrap());
    const written = fs.statSync(host.publisher);
    Object.assign(publisherBeforeSecondRun, { content: fs.readFileSync(host.publisher, 'utf8'), mtimeMs: written.mtimeMs, ino: written.ino });
    // Data written between the runs must survive the second run.
    host.sql('tracker', 'CREATE TABLE readings (id int PRIMARY KEY, value text); INSERT INTO readings VALUES (1, \'a\'), (2, \'b\'), (3, \'c\')');
    host.valkey('-a', PASSWORDS.valkey, 'SET', 'persisted', 'yes');
    // An extension older than its package, as after a package upgrade.
    host.sql('postgres', 'CREATE DATABASE other');
    host.sql('other', 'CREATE EXTENSION pg_stat_statements VERSION \'1.9\'');
    startedBeforeSecondRun.postgres = postmasterStart();
    startedBeforeSecondRun.valkey = valkeyRunId();
    runs.push(host.bootstrap());
    // eslint-disable-next-line no-console
    console.log(`bootstrap runs took ${runs.map((r) => `${r.seconds.toFixed(1)} s`).join(' and ')}`);
  });

  afterAll(() => {
    for (const holder of holders) if (holder.exitCode === null && holder.signalCode === null) holder.kill();
    host?.cleanup();
  });

  test('signals SUCCESS on each run', () => {
    expect(host.signals()).toEqual(['HostBootstrapped SUCCESS', 'HostBootstrapped SUCCESS']);
  });

  test('formats the blank volume because the init marker said none, then records the volume in it', () => {
    expect(runs[0].result.stderr).toContain(`formatting blank data volume ${host.device}`);
    expect(execFileSync('findmnt', ['-n', '-o', 'SOURCE,FSTYPE', host.dataRoot], { encoding: 'utf8' }).trim()).toBe(`${host.device} ext4`);
    expect(host.parameter('marker')).toBe(host.volumeId);
    expect(runs[1].result.stderr).not.toMatch(/formatting|recorded/);
  });

  test('creates the application role and its database', () => {
    expect(host.sql('postgres', 'SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = \'tracker\'')).toBe('t|f');
    expect(host.sql('postgres', 'SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = \'tracker\'')).toBe('tracker');
  });

  test('creates the extensions, TimescaleDB only where it is installed', () => {
    const extensions = host.sql('tracker', 'SELECT extname FROM pg_extension').split('\n');
    expect(extensions).toEqual(expect.arrayContaining(['postgis', 'postgis_topology', 'pg_stat_statements']));
    expect(extensions.includes('timescaledb')).toBe(timescaleInstalled());
  });

  test('updates every database\'s extensions to the packaged version (ALTER EXTENSION ... UPDATE)', () => {
    expect(runs[1].result.stderr).toContain('updating extension pg_stat_statements in other');
    expect(host.sql('other', 'SELECT e.extversion = a.default_version FROM pg_extension e JOIN pg_available_extensions a '
      + 'ON a.name = e.extname WHERE e.extname = \'pg_stat_statements\'')).toBe('t');
  });

  test('configures preload libraries, connections and memory from the config', () => {
    expect(host.sql('postgres', 'SHOW shared_preload_libraries')).toBe(
      timescaleInstalled() ? 'timescaledb,pg_stat_statements' : 'pg_stat_statements');
    expect(host.sql('postgres', 'SHOW max_connections')).toBe('50');
    expect(host.sql('postgres', 'SHOW shared_buffers')).toBe('256MB');
  });

  test('listens on all addresses, so a boot before the private address exists still serves it (hostname -I was empty)', () => {
    expect(host.sql('postgres', 'SHOW listen_addresses')).toBe('*');
    expect(host.valkey('-a', PASSWORDS.valkey, 'CONFIG', 'GET', 'bind')).toBe('bind\n* -::*');
  });

  test('pg_hba: TLS (hostssl) and scram-sha-256 only, application role from the client CIDRs only', () => {
    const rules = host.sql('postgres', 'SELECT type, database[1], user_name[1], address, auth_method FROM pg_hba_file_rules '
      + 'WHERE type LIKE \'host%\' ORDER BY line_number').split('\n');
    expect(rules).toEqual([
      'hostssl|all|all|127.0.0.1|scram-sha-256',
      'hostssl|all|all|::1|scram-sha-256',
      'hostssl|tracker|tracker|10.40.0.0|scram-sha-256',
      'hostssl|tracker|tracker|10.41.0.0|scram-sha-256',
    ]);
  });

  test('rejects a password-less or wrong-password login, accepts the secret password over TLS', () => {
    const none = appLogin();
    expect(none.status).not.toBe(0);
    expect(none.stderr).toMatch(/password/);
    expect(appLogin('wrong').status).not.toBe(0);
    const ok = appLogin(PASSWORDS.app);
    expect(ok.stderr).toBe('');
    expect(ok.stdout.trim()).toBe('tracker true');
  });

  test('TLS: plain TCP is refused; verify-ca and verify-full pass with the published CA', () => {
    const plain = appLogin(PASSWORDS.app, { PGSSLMODE: 'disable' });
    expect(plain.status).not.toBe(0);
    expect(plain.stderr).toMatch(/no pg_hba\.conf entry .*no encryption/);
    const ca = path.join(host.root, 'published-ca.pem');
    fs.writeFileSync(ca, host.parameter('ca'));
    expect(appLogin(PASSWORDS.app, { PGSSLMODE: 'verify-ca', PGSSLROOTCERT: ca }).stdout.trim()).toBe('tracker true');
    expect(appLogin(PASSWORDS.app, { PGSSLMODE: 'verify-full', PGSSLROOTCERT: ca }, 'localhost').stdout.trim()).toBe('tracker true');
    // A CA the server's certificate does not chain to is refused.
    const other = path.join(host.root, 'other-ca.pem');
    execFileSync('openssl', ['req', '-x509', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-subj', '/CN=other',
      '-keyout', path.join(host.root, 'other-ca.key'), '-out', other], { stdio: 'ignore' });
    expect(appLogin(PASSWORDS.app, { PGSSLMODE: 'verify-ca', PGSSLROOTCERT: other }).stderr).toMatch(/certificate verify failed/);
  });

  test('publishes the host CA certificate into the CA parameter (unchanged by a second run)', () => {
    expect(host.parameter('ca')).toBe(fs.readFileSync(path.join(host.tlsDir, 'ca.crt'), 'utf8'));
    expect(runs[1].result.stderr).not.toMatch(/published the host CA|issuing/);
    const keyMode = (f: string) => (fs.statSync(path.join(host.tlsDir, f)).mode % 0o1000).toString(8);
    expect([keyMode('ca.key'), keyMode('postgres.key'), keyMode('valkey.key')]).toEqual(['600', '600', '600']);
  });

  test('Valkey serves TLS only, demands the password and keeps its AOF on the data volume', () => {
    expect(host.valkey('PING')).toMatch(/NOAUTH/);
    expect(host.valkey('-a', PASSWORDS.valkey, 'PING')).toBe('PONG');
    const plain = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(host.valkeyPort), '-a', PASSWORDS.valkey, '--no-auth-warning', 'PING'],
      { encoding: 'utf8', timeout: 10_000 });
    expect(`${plain.stdout}${plain.stderr}`).not.toContain('PONG');
    expect(host.valkey('-a', PASSWORDS.valkey, 'CONFIG', 'GET', 'appendonly')).toBe('appendonly\nyes');
    expect(host.valkey('-a', PASSWORDS.valkey, 'CONFIG', 'GET', 'dir')).toBe(`dir\n${host.dataRoot}/valkey`);
    expect(fs.readdirSync(path.join(host.dataRoot, 'valkey'))).toContain('appendonlydir');
  });

  test('passwords never reach pg_stat_statements, the server log or a file on the data volume', () => {
    const statements = host.sql('tracker', 'SELECT query FROM pg_stat_statements');
    expect(statements).toMatch(/ALTER ROLE|CREATE EXTENSION|SELECT/i);
    const log = fs.readFileSync(`/var/log/postgresql/postgresql-${PG_VERSION}-${host.cluster}.log`, 'utf8');
    for (const password of [PASSWORDS.superuser, PASSWORDS.app]) {
      expect(statements).not.toContain(password);
      expect(log).not.toContain(password);
      const found = spawnSync('grep', ['-rlaF', password, host.dataRoot], { encoding: 'utf8' });
      expect(found.stdout).toBe('');
    }
  });

  test('a second run keeps the rows and keys written after the first', () => {
    expect(host.sql('tracker', 'SELECT string_agg(value, \',\' ORDER BY id) FROM readings')).toBe('a,b,c');
    expect(host.valkey('-a', PASSWORDS.valkey, 'GET', 'persisted')).toBe('yes');
  });

  test('a second run changes no file and restarts nothing', () => {
    expect(runs[0].result.stderr).toMatch(/wrote .*90-data-host\.conf/);
    expect(runs[1].result.stderr).not.toMatch(/wrote |creating cluster/);
    expect(postmasterStart()).toBe(startedBeforeSecondRun.postgres);
    expect(valkeyRunId()).toBe(startedBeforeSecondRun.valkey);
    expect(startedBeforeSecondRun.valkey).not.toBe('');
  });

  test('writes the connections publisher once: a second run leaves it untouched', () => {
    expect(runs[0].result.stderr).toContain(`wrote ${host.publisher}`);
    const after = fs.statSync(host.publisher);
    expect(fs.readFileSync(host.publisher, 'utf8')).toBe(publisherBeforeSecondRun.content);
    expect({ mtimeMs: after.mtimeMs, ino: after.ino }).toEqual({ mtimeMs: publisherBeforeSecondRun.mtimeMs, ino: publisherBeforeSecondRun.ino });
    expect((after.mode % 0o1000).toString(8)).toBe('750');
    expect(after.uid).toBe(0);
  });

  test('the publisher is shellcheck-clean, with its settings baked in', () => {
    const result = spawnSync('shellcheck', ['--shell=bash', host.publisher], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
    expect(publisherBeforeSecondRun.content).toContain(`readonly PG_PORT=${host.pgPort} REGION=eu-west-2 NAMESPACE=CWAgent INSTANCE_ID=${INSTANCE_ID}\n`);
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

    host.sql('postgres', `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = '${HOLD_QUERY}'`);
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
    execFileSync('pg_ctlcluster', [PG_VERSION, host.cluster, 'stop']);
    try {
      const down = publish();
      expect(down.status).toBe(0);
      expect(down.stderr).toMatch(/data-host-pg-metrics: cannot count PostgreSQL connections on port \d+; nothing published/);
    } finally {
      execFileSync('pg_ctlcluster', [PG_VERSION, host.cluster, 'start']);
    }
    expect(metricCalls()).toHaveLength(before);
  });

  describe('changes after the first bootstrap', () => {
    test('a pg_hba change is reloaded, not restarted', () => {
      const started = postmasterStart();
      host.writeConfig({ PG_CLIENT_CIDRS: '10.40.0.0/24,10.41.0.0/24,10.42.0.0/24' });
      const run = host.bootstrap();
      expect(run.result.stderr).toContain('reloaded PostgreSQL (no setting needs a restart)');
      expect(postmasterStart()).toBe(started);
      expect(host.sql('postgres', 'SELECT count(*) FROM pg_hba_file_rules WHERE address = \'10.42.0.0\'')).toBe('1');
    });

    test('--tune recomputes memory settings from the instance without network, secrets or a restart; a boot unit runs it', async () => {
      const started = postmasterStart();
      const bigger = host.writeConfig({ MEMORY_MB: '2048' }, path.join(host.root, 'config-bigger'));
      // No fake AWS CLI on the PATH: at boot there may be no network yet.
      const tune = spawnSync('bash', [SCRIPT, '--tune', bigger],
        { encoding: 'utf8', env: { ...process.env, DATA_HOST_TEST_MODE: '1', PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } });
      expect(tune.stderr).not.toMatch(/ERROR/);
      expect(tune.status).toBe(0);
      expect(postmasterStart()).toBe(started);
      // PostgreSQL sees the new size as soon as it reads its files (at boot the unit runs before it starts).
      execFileSync('pg_ctlcluster', [PG_VERSION, host.cluster, 'reload']);
      await waitFor('the reload', () => host.sql('postgres', 'SELECT pending_restart FROM pg_settings WHERE name = \'shared_buffers\'') === 't');
      expect(fs.readFileSync(`/etc/postgresql/${PG_VERSION}/${host.cluster}/conf.d/91-data-host-memory.conf`, 'utf8')).toContain('shared_buffers = 512MB');
      expect(fs.readFileSync(path.join(host.root, 'etc', 'valkey-memory.conf'), 'utf8')).toContain('maxmemory 256mb');
      const unit = fs.readFileSync(path.join(host.systemdDir, 'data-host-tune.service'), 'utf8');
      expect(unit).toContain(`Before=postgresql.service postgresql@${PG_VERSION}-${host.cluster}.service redis-server.service`);
      expect(unit).toContain(`ExecStart=${SCRIPT} --tune ${host.configFile}\n`);
    });

    test('a setting that needs one (max_connections, shared_buffers) restarts PostgreSQL', () => {
      const started = postmasterStart();
      host.writeConfig({ PG_CLIENT_CIDRS: '10.40.0.0/24,10.41.0.0/24,10.42.0.0/24', PG_MAX_CONNECTIONS: '60', MEMORY_MB: '2048' });
      expect(host.bootstrap().result.stderr).toMatch(/restarting PostgreSQL for (max_connections, shared_buffers|shared_buffers, max_connections)/);
      expect(postmasterStart()).not.toBe(started);
      expect(host.sql('postgres', 'SHOW max_connections')).toBe('60');
      expect(host.sql('postgres', 'SHOW shared_buffers')).toBe('512MB');
    });

    test('an adopted volume whose files belong to other ids is re-owned to postgres, then served', () => {
      execFileSync('pg_ctlcluster', [PG_VERSION, host.cluster, 'stop']);
      execFileSync('chown', ['-R', '54321:54321', path.join(host.dataRoot, PG_VERSION)]);
      // A new instance: the cluster's /etc configuration is gone, the data volume is all there is.
      fs.rmSync(`/etc/postgresql/${PG_VERSION}/${host.cluster}`, { recursive: true, force: true });
      const run = host.bootstrap();
      expect(run.result.stderr).toContain('adopting the existing cluster');
      expect(run.result.stderr).toMatch(/not owned by postgres .* changing their owner to postgres/);
      expect(host.sql('tracker', 'SELECT count(*) FROM readings')).toBe('3');
    });

    test('a changed postgresVersion is refused, never a second empty cluster, and CloudFormation hears at once', () => {
      const before = host.signals().length;
      host.writeConfig({ PG_VERSION: '16' });
      const run = host.run();
      expect(run.result.status).not.toBe(0);
      expect(run.result.stderr).toMatch(/holds a PostgreSQL 15 cluster .* but postgresVersion is 16: refusing .* pg_upgradecluster/);
      expect(fs.existsSync(path.join(host.dataRoot, '16'))).toBe(false);
      expect(host.signals().slice(before)).toEqual(['HostBootstrapped FAILURE']);
    });

    test('a configuration refused before anything else still signals FAILURE at once', () => {
      const before = host.signals().length;
      host.writeConfig({ PG_VERSION: '14' });
      const run = host.run();
      expect(run.result.stderr).toContain('PG_VERSION must be 15, 16 or 17');
      expect(host.signals().slice(before)).toEqual(['HostBootstrapped FAILURE']);
      host.writeConfig({ PG_VERSION, UNKNOWN_KEY: 'x' });
      expect(host.run().result.stderr).toContain('unknown config keys');
      expect(host.signals().slice(before)).toEqual(['HostBootstrapped FAILURE', 'HostBootstrapped FAILURE']);
    });
  });
});
