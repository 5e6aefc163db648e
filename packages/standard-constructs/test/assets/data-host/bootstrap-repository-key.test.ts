/**
 * The bootstrap's repository signing-key check (used for TimescaleDB's
 * packagecloud repository), run for real with gpg against keys served from
 * local files: only a key with a pinned fingerprint is installed, and a
 * failed download or check never leaves a keyring that a re-run accepts.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SCRIPT } from './bootstrap-harness';
import { describeWithDebian } from './debian-packages';

jest.setTimeout(60_000);

let dir: string;
const keys: Record<'good' | 'other', { file: string; fingerprint: string }> = {
  good: { file: '', fingerprint: '' }, other: { file: '', fingerprint: '' },
};

/** A new signing key, exported ASCII-armored like packagecloud's gpgkey endpoint. */
function makeKey(name: 'good' | 'other'): void {
  const home = path.join(dir, `gnupg-${name}`);
  fs.mkdirSync(home, { mode: 0o700 });
  const gpg = (...args: string[]) => execFileSync('gpg', ['--batch', '--homedir', home, '--pinentry-mode', 'loopback', '--passphrase', '', ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  gpg('--quick-gen-key', `${name} <${name}@example.invalid>`, 'ed25519', 'sign', 'never');
  const fingerprint = gpg('--with-colons', '--list-keys').split('\n').find((l) => l.startsWith('fpr:'))!.split(':')[9];
  const file = path.join(dir, `${name}.asc`);
  fs.writeFileSync(file, gpg('--armor', '--export'));
  keys[name] = { file, fingerprint };
  spawnSync('gpgconf', ['--homedir', home, '--kill', 'all']);
}

/** Calls install_repository_key from the sourced script; returns its exit status and log. */
function installKey(url: string, keyring: string, allowed: string): { status: number | null; stderr: string } {
  const result = spawnSync('bash', ['-c', 'source "$1"; install_repository_key "$2" "$3" "$4"', 'bash', SCRIPT, url, keyring, allowed],
    { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

describeWithDebian('bootstrap repository key', { commands: ['gpg', 'curl'], packages: ['gpg', 'curl'] })('install_repository_key', () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-host-key-'));
    makeKey('good');
    makeKey('other');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('installs a key whose fingerprint is pinned (one of several allowed)', () => {
    const keyring = path.join(dir, 'ok.gpg');
    const run = installKey(`file://${keys.good.file}`, keyring, `0000000000000000000000000000000000000000,${keys.good.fingerprint}`);
    expect(run.stderr).toContain(`installed the signing key of file://${keys.good.file}`);
    expect(run.status).toBe(0);
    const listed = execFileSync('gpg', ['--batch', '--show-keys', '--with-colons', keyring], { encoding: 'utf8' });
    expect(listed).toContain(`fpr:::::::::${keys.good.fingerprint}:`);
    // A re-run finds it trusted and downloads nothing.
    expect(installKey('file:///nonexistent', keyring, keys.good.fingerprint).status).toBe(0);
  });

  test('refuses a key with another fingerprint and leaves no keyring', () => {
    const keyring = path.join(dir, 'wrong.gpg');
    const run = installKey(`file://${keys.other.file}`, keyring, keys.good.fingerprint);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`has a fingerprint other than ${keys.good.fingerprint}`);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('wrong.gpg'))).toEqual([]);
  });

  test('a failed download leaves no keyring', () => {
    const keyring = path.join(dir, 'missing.gpg');
    const run = installKey(`file://${path.join(dir, 'absent.asc')}`, keyring, keys.good.fingerprint);
    expect(run.status).not.toBe(0);
    expect(fs.existsSync(keyring)).toBe(false);
  });

  test('an empty or foreign keyring left by an earlier failure is not accepted: the key is fetched and checked again', () => {
    const keyring = path.join(dir, 'stale.gpg');
    fs.writeFileSync(keyring, '');
    expect(installKey(`file://${path.join(dir, 'absent.asc')}`, keyring, keys.good.fingerprint).status).not.toBe(0);
    fs.copyFileSync(path.join(dir, 'ok.gpg'), keyring);
    expect(installKey(`file://${keys.good.file}`, keyring, keys.other.fingerprint).status).not.toBe(0);
    fs.writeFileSync(keyring, '');
    expect(installKey(`file://${keys.good.file}`, keyring, keys.good.fingerprint).status).toBe(0);
    expect(fs.statSync(keyring).size).toBeGreaterThan(0);
  });
});
