/**
 * The restore drill: the data host's real bootstrap script (test mode) with
 * Debian's PostgreSQL 15 + PostGIS and pgBackRest, archiving over TLS to
 * s3rver (an S3 stand-in from npm) through pgBackRest's own S3 client.
 *
 * Bootstraps a host, writes rows continuously, takes a full backup, notes a
 * time T between two commits, drops the table, then bootstraps a second host
 * whose configuration asks for a restore to T, and checks that exactly the
 * rows committed before T are back. Prints the measured archive lag and the
 * restore time. Needs root, like the script.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { synthesizedArchive } from './archive-settings';
import { describeWithDebian } from './debian-packages';
import { DrillHost, DrillHostPaths } from './drill-host';
import { LoggedS3Request, s3Authorization, S3Authorization } from './s3-request-actions';
import { RestoreSource, TimescaleDataHostProps } from '../../../src';

const PG_VERSION = '15';
const BASE_PORT = 40000 + (process.pid % 1000) * 10;
const S3_PORT = BASE_PORT;
const BUCKET = 'drill-backups';
const S3_STAND_IN = path.join(__dirname, 'fixtures', 's3-stand-in.js');
/** One access key per host, so the request log tells which host made each request. */
const KEYS = { source: { id: 'SOURCEHOSTKEY', secret: 'source0secret' }, restored: { id: 'RESTOREDHOSTKEY', secret: 'restored0secret' } };

const describeDrill = describeWithDebian('restore drill', {
  commands: ['pg_createcluster', 'pg_ctlcluster', 'psql', 'pgbackrest', 'redis-server', 'redis-cli', 'runuser', 'openssl', 'shellcheck'],
  packages: [`postgresql-${PG_VERSION}`, `postgresql-${PG_VERSION}-postgis-3`, 'pgbackrest', 'redis-server', 'shellcheck', 'openssl'],
  root: true,
});

jest.setTimeout(240_000);

let root: string;
let s3rver: ChildProcess | undefined;
let writer: ChildProcess | undefined;
let source: DrillHost;
let restored: DrillHost;
const measured = { backupSeconds: 0, pushSeconds: 0, archiveTimeoutSeconds: 0, restoreSeconds: 0, rowsBeforeT: 0, rowsAfterT: 0 };
let expectedIds: number[] = [];
let restoredIds: number[] = [];
let target = new Date(NaN);
let requestLog = '';
let rerun = { log: '', restarted: true };
/** Each host's role policy statements, by the access key it used. */
const policies = new Map<string, Array<Record<string, unknown>>>();

/** A self-signed certificate for localhost: pgBackRest verifies the stand-in's TLS against it (its CA file). */
function makeCertificate(dir: string): { key: string; cert: string } {
  const key = path.join(dir, 's3-key.pem');
  const cert = path.join(dir, 's3-cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
  fs.chmodSync(cert, 0o644);
  return { key, cert };
}

async function startS3rver(dir: string, key: string, cert: string, logFile: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [S3_STAND_IN, dir, String(S3_PORT), key, cert, BUCKET, logFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ACCESS_KEYS: Object.values(KEYS).map((k) => `${k.id}:${k.secret}`).join(',') },
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`s3rver did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening')) { clearTimeout(timer); resolve(); }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`s3rver exited (${code}):\n${output}`)); });
  });
  return child;
}

/**
 * The archive settings the construct generates for a host, with the endpoint,
 * addressing and credentials switched to the stand-in (its port, path-style
 * URIs, its CA, a static key instead of the instance role's).
 */
function settingsFor(props: Partial<TimescaleDataHostProps>, ca: string, key: { id: string; secret: string }): string[] {
  const standIn: Record<string, string> = {
    'repo1-s3-endpoint': 'localhost',
    'repo1-s3-key-type': 'shared',
  };
  const synthesized = synthesizedArchive(BUCKET, props);
  policies.set(key.id, synthesized.statements);
  const generated = synthesized.settings;
  const replaced = generated.filter((line) => Object.keys(standIn).some((name) => line.startsWith(`PGBACKREST_OPTION_${name}=`)));
  expect(replaced).toEqual(['PGBACKREST_OPTION_repo1-s3-endpoint=s3.eu-west-2.amazonaws.com', 'PGBACKREST_OPTION_repo1-s3-key-type=auto']);
  return [
    ...generated.filter((line) => !replaced.includes(line)),
    ...Object.entries({
      ...standIn,
      'repo1-storage-port': String(S3_PORT),
      'repo1-s3-uri-style': 'path',
      'repo1-storage-ca-file': ca,
      'repo1-s3-key': key.id,
      'repo1-s3-key-secret': key.secret,
    }).map(([name, value]) => `PGBACKREST_OPTION_${name}=${value}`),
  ];
}

/** One row a transaction, every 20 ms, each under a shared advisory lock that noting T takes exclusively. */
function startWriter(host: DrillHost): ChildProcess {
  const loop = 'DO $$ BEGIN LOOP PERFORM pg_advisory_xact_lock_shared(1); INSERT INTO readings DEFAULT VALUES; COMMIT; '
    + 'PERFORM pg_sleep(0.02); END LOOP; END $$';
  return spawn('runuser', ['-u', 'postgres', '--', 'psql', '-X', '-q', '-p', String(host.pgPort), '-d', 'tracker', '-c', loop],
    { stdio: 'ignore' });
}

/**
 * With the writers held off (no transaction between its lock and its commit),
 * reads the clock and the committed rows: every commit so far is before T,
 * every later one after it. T is truncated to the millisecond (a JavaScript
 * Date), so the lock is held 5 ms before reading the clock.
 */
function noteTarget(host: DrillHost): { at: Date; ids: number[] } {
  const out = host.sql('tracker', 'BEGIN; SELECT pg_advisory_xact_lock(1); SELECT pg_sleep(0.005); '
    + 'SELECT \'T=\' || to_char(date_trunc(\'milliseconds\', clock_timestamp()) AT TIME ZONE \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"\'); '
    + 'SELECT \'IDS=\' || coalesce(string_agg(id::text, \',\' ORDER BY id), \'\') FROM readings; COMMIT;').split('\n');
  const at = new Date(out.find((line) => line.startsWith('T='))?.slice(2) ?? 'missing');
  const ids = out.find((line) => line.startsWith('IDS='))?.slice(4) ?? '';
  return { at, ids: ids ? ids.split(',').map(Number) : [] };
}

function rowCount(host: DrillHost): number {
  return Number(host.sql('tracker', 'SELECT count(*) FROM readings'));
}

async function waitForRows(host: DrillHost, more: number): Promise<void> {
  const start = rowCount(host);
  for (let i = 0; i < 200 && rowCount(host) < start + more; i++) await sleep(50);
  if (rowCount(host) < start + more) throw new Error(`the writer did not add ${more} rows`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Seconds from a WAL switch until pgBackRest reports the segment in the repository (PostgreSQL's archiver view). */
async function measurePush(host: DrillHost): Promise<number> {
  const segment = host.sql('postgres', 'SELECT pg_walfile_name(pg_current_wal_lsn())');
  host.sql('postgres', 'SELECT pg_switch_wal()');
  const started = Date.now();
  for (let i = 0; i < 600; i++) {
    const archived = host.sql('postgres', 'SELECT coalesce(last_archived_wal, \'\') FROM pg_stat_archiver');
    if (archived >= segment && /^[0-9A-F]{24}$/.test(archived)) return (Date.now() - started) / 1000;
    await sleep(50);
  }
  throw new Error(`segment ${segment} was not archived within 30 s`);
}

/** The evaluator's decision for one request of the host's role (same account as the bucket). */
async function decision(statements: Array<Record<string, unknown>>, authorization: S3Authorization): Promise<string> {
  const result = await runSimulation({
    request: {
      principal: 'arn:aws:iam::111111111111:role/data-host',
      action: authorization.action,
      resource: { resource: authorization.resource, accountId: '111111111111' },
      contextVariables: authorization.context,
    },
    // The statements on the drill's bucket: the others (secrets, logs, the asset bucket) cannot decide these requests.
    identityPolicies: [{ name: 'host', policy: { Version: '2012-10-17', Statement: statements.filter((st) => JSON.stringify(st).includes(BUCKET)) } }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  }, {});
  if (result.resultType !== 'single') throw new Error(`simulation failed: ${JSON.stringify(result).slice(0, 500)}`);
  return result.overallResult;
}


describeDrill('restore drill: bootstrap, archive to S3 (s3rver over TLS), restore to a point in time', () => {
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'restore-drill-'));
    fs.chmodSync(root, 0o755);
    const { key, cert } = makeCertificate(root);
    fs.mkdirSync(path.join(root, 's3'));
    requestLog = path.join(root, 's3-requests.jsonl');
    s3rver = await startS3rver(path.join(root, 's3'), key, cert, requestLog);
    const paths = (name: string): DrillHostPaths => ({ root: path.join(root, name), pgVersion: PG_VERSION });

    source = new DrillHost(paths('source'), BASE_PORT + 1, settingsFor({ continuousArchive: { stanza: 'tracker-drill' } }, cert, KEYS.source));
    source.bootstrap();
    // A second run (as after a configuration change applied through SSM) changes nothing and restarts nothing.
    const startedBefore = source.sql('postgres', 'SELECT pg_postmaster_start_time()');
    source.bootstrap();
    rerun = { log: source.bootstrapLog, restarted: source.sql('postgres', 'SELECT pg_postmaster_start_time()') !== startedBefore };
    source.sql('tracker', 'CREATE TABLE readings (id bigserial PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT clock_timestamp())');

    writer = startWriter(source);
    await waitForRows(source, 20);
    const backupStarted = Date.now();
    source.run(source.backupScript, 'full');
    measured.backupSeconds = (Date.now() - backupStarted) / 1000;
    await waitForRows(source, 20);
    const noted = noteTarget(source);
    target = noted.at;
    expectedIds = noted.ids;
    await waitForRows(source, 20);
    writer.kill();
    await new Promise((resolve) => writer?.once('exit', resolve));
    measured.rowsBeforeT = expectedIds.length;
    measured.rowsAfterT = rowCount(source) - expectedIds.length;
    source.sql('tracker', 'DROP TABLE readings');
    // On a live host archive_timeout switches the segment within 60 s; the drill switches at once and times the push.
    measured.archiveTimeoutSeconds = Number(source.sql('postgres', 'SELECT setting FROM pg_settings WHERE name = \'archive_timeout\''));
    measured.pushSeconds = await measurePush(source);

    restored = new DrillHost(paths('restored'), BASE_PORT + 5, settingsFor({
      continuousArchive: { stanza: 'tracker-drill-restored' },
      restore: RestoreSource.pointInTime(target, { stanza: 'tracker-drill' }),
    }, cert, KEYS.restored));
    const restoreStarted = Date.now();
    restored.bootstrap();
    measured.restoreSeconds = (Date.now() - restoreStarted) / 1000;
    restoredIds = restored.sql('tracker', 'SELECT coalesce(string_agg(id::text, \',\' ORDER BY id), \'\') FROM readings')
      .split(',').filter(Boolean).map(Number);

    // eslint-disable-next-line no-console
    console.log([
      'restore drill (PostgreSQL 15, pgBackRest over TLS to s3rver):',
      `  rows committed before T=${target.toISOString()}: ${measured.rowsBeforeT}; after T, before DROP TABLE: ${measured.rowsAfterT}`,
      `  full backup: ${measured.backupSeconds.toFixed(1)} s`,
      `  archive lag: segment switch to repository ${measured.pushSeconds.toFixed(2)} s; data at risk at most `
        + `archive_timeout ${measured.archiveTimeoutSeconds} s + ${measured.pushSeconds.toFixed(2)} s`,
      `  restore to T through the bootstrap (create, restore, recover, promote, configure): ${measured.restoreSeconds.toFixed(1)} s`,
    ].join('\n'));
  });

  afterAll(async () => {
    if (writer && writer.exitCode === null && writer.signalCode === null) writer.kill();
    restored?.destroy();
    source?.destroy();
    if (s3rver && s3rver.exitCode === null) {
      s3rver.kill();
      await new Promise((resolve) => s3rver?.once('exit', resolve));
    }
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('the source host archives with pgBackRest: archive_mode on, async push, 60 s archive_timeout', () => {
    expect(source.sql('postgres', 'SHOW archive_mode')).toBe('on');
    expect(source.sql('postgres', 'SHOW archive_command')).toBe(
      `pgbackrest --config=${source.pgbackrestConfig} --stanza=tracker-drill archive-push %p`);
    expect(measured.archiveTimeoutSeconds).toBe(60);
    expect(fs.readFileSync(source.pgbackrestConfig, 'utf8')).toMatch(/^archive-async=y$/m);
    expect(Number(source.sql('postgres', 'SELECT failed_count FROM pg_stat_archiver'))).toBe(0);
  });

  test('a second bootstrap run with archiving on writes no file and restarts nothing', () => {
    expect(rerun.log).toMatch(/bootstrap complete/);
    expect(rerun.log).not.toMatch(/wrote |creating cluster|restoring/);
    expect(rerun.restarted).toBe(false);
  });

  test('the rows were written continuously across the backup and T', () => {
    expect(measured.rowsBeforeT).toBeGreaterThanOrEqual(40);
    expect(measured.rowsAfterT).toBeGreaterThanOrEqual(20);
  });

  test('restoring to T brings back exactly the rows committed before T', () => {
    expect(restoredIds).toEqual(expectedIds);
  });

  test('the restored host is a primary that archives into its own stanza', () => {
    expect(restored.sql('postgres', 'SELECT pg_is_in_recovery()')).toBe('f');
    const info = restored.run('runuser', '-u', 'postgres', '--', 'pgbackrest', `--config=${restored.pgbackrestConfig}`,
      '--stanza=tracker-drill-restored', '--output=json', 'info');
    expect(JSON.parse(info)[0].status.message).toMatch(/^(ok|no valid backups)$/);
    expect(restored.bootstrapLog).toMatch(/restoring cluster 15\/\S+ from stanza tracker-drill to /);
  });

  test('the archive metrics script publishes both ages, in seconds, by InstanceId', () => {
    source.run(source.archiveMetricsScript);
    const sinceArchived = Number(source.sql('postgres', 'SELECT extract(epoch FROM now() - last_archived_time) FROM pg_stat_archiver'));
    const calls = source.metricCalls().filter((c) => c.metricName !== 'postgresql_connections');
    expect(calls.map((c) => [c.metricName, c.unit, c.dimensions, c.namespace])).toEqual([
      ['postgresql_wal_archive_age', 'Seconds', `InstanceId=${source.instanceId}`, 'CWAgent'],
      ['pgbackrest_last_backup_age', 'Seconds', `InstanceId=${source.instanceId}`, 'CWAgent'],
    ]);
    const [walAge, backupAge] = calls.map((c) => Number(c.value));
    // 0 when nothing was written since the last archived segment, else the time since it was archived
    // (background records such as checkpoints may follow the drill's last switch).
    expect(walAge === 0 || Math.abs(walAge - sinceArchived) <= 2).toBe(true);
    expect(walAge).toBeLessThan(60);
    expect(backupAge).toBeLessThan(120);
    expect(backupAge).toBeGreaterThanOrEqual(0);
  });

  test('every S3 request pgBackRest made is allowed by the role policy of the host that made it (real IAM evaluation)', async () => {
    const requests: LoggedS3Request[] = fs.readFileSync(requestLog, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const byHost = new Map<string, Map<string, S3Authorization>>();
    for (const request of requests) {
      const authorization = s3Authorization(request);
      const unique = byHost.get(request.accessKey) ?? new Map<string, S3Authorization>();
      unique.set(JSON.stringify(authorization), authorization);
      byHost.set(request.accessKey, unique);
    }
    expect([...byHost.keys()].sort()).toEqual([KEYS.restored.id, KEYS.source.id]);
    const denied: string[] = [];
    for (const [accessKey, authorizations] of byHost) {
      for (const authorization of authorizations.values()) {
        if (await decision(policies.get(accessKey)!, authorization) !== 'Allowed') denied.push(`${accessKey} ${JSON.stringify(authorization)}`);
      }
    }
    expect(denied).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(`IAM: ${requests.length} S3 requests, ${[...byHost.values()].reduce((n, m) => n + m.size, 0)} distinct authorizations, all allowed`);
  });

  test('and nothing beyond them: other prefixes, and writes to the stanza a host only restores from, are denied', async () => {
    const object = (key: string) => `arn:aws:s3:::${BUCKET}/${key}`;
    const checks: Array<[string, S3Authorization]> = [
      [KEYS.source.id, { action: 's3:PutObject', resource: object('pgbackrest/archive/tracker-drill-restored/x'), context: {} }],
      [KEYS.source.id, { action: 's3:GetObject', resource: object('other/tracker-drill/x'), context: {} }],
      [KEYS.source.id, { action: 's3:ListBucket', resource: `arn:aws:s3:::${BUCKET}`, context: { 's3:prefix': 'pgbackrest/' } }],
      // The stanza directories are listed one level deep only, not recursively.
      [KEYS.source.id, { action: 's3:ListBucket', resource: `arn:aws:s3:::${BUCKET}`, context: { 's3:prefix': 'pgbackrest/backup/' } }],
      [KEYS.source.id, { action: 's3:DeleteObjectVersion', resource: object('pgbackrest/archive/tracker-drill/x'), context: {} }],
      [KEYS.restored.id, { action: 's3:PutObject', resource: object('pgbackrest/archive/tracker-drill/x'), context: {} }],
      [KEYS.restored.id, { action: 's3:DeleteObject', resource: object('pgbackrest/backup/tracker-drill/backup.info'), context: {} }],
    ];
    for (const [accessKey, authorization] of checks) {
      expect([accessKey, authorization, await decision(policies.get(accessKey)!, authorization)]).toEqual([accessKey, authorization, 'ImplicitlyDenied']);
    }
  });

  test('the backup and metrics scripts it writes are shellcheck-clean', () => {
    const result = spawnSync('shellcheck', ['--shell=bash', source.backupScript, source.archiveMetricsScript], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  test('a host with no backup publishes no backup age (the missing datapoint alarms)', () => {
    const result = spawnSync(restored.archiveMetricsScript, [], { encoding: 'utf8', env: restored.env() });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/no successful backup recorded/);
    expect(restored.metricCalls().map((c) => c.metricName)).not.toContain('pgbackrest_last_backup_age');
  });
});
