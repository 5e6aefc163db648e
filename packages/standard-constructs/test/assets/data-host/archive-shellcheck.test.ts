import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hasDebianNeeds } from './debian-packages';
import { bundledBootstrapScript, bundledBootstrapScriptPath } from '../../../src/data-host/bootstrap-script-bundle';

const ASSETS = path.join(__dirname, '..', '..', '..', 'assets', 'data-host');
const withShellcheck = hasDebianNeeds('archive.sh shellcheck', { commands: ['shellcheck'], packages: ['shellcheck'] }) ? test : test.skip;

withShellcheck('archive.sh is shellcheck-clean, read as bootstrap.sh sources it', () => {
  const result = spawnSync('shellcheck', ['--shell=bash', '--external-sources', 'bootstrap.sh', 'archive.sh'], { cwd: ASSETS, encoding: 'utf8' });
  expect(result.error).toBeUndefined();
  expect(result.stdout).toBe('');
  expect(result.status).toBe(0);
});

describe('the shipped bootstrap script (archive.sh inlined)', () => {
  const bundle = bundledBootstrapScript();

  test('has no source line left and carries archive.sh whole, once', () => {
    expect(bundle).not.toMatch(/^source /m);
    const archive = fs.readFileSync(path.join(ASSETS, 'archive.sh'), 'utf8').trimEnd();
    expect(bundle.split(archive)).toHaveLength(2);
    expect(bundle.startsWith('#!/usr/bin/env bash\n')).toBe(true);
  });

  test('the asset file is that script, at a path named after its content', () => {
    const file = bundledBootstrapScriptPath();
    expect(fs.readFileSync(file, 'utf8')).toBe(bundle);
    expect(path.basename(file)).toBe('bootstrap.sh');
    expect(bundledBootstrapScriptPath()).toBe(file);
  });

  withShellcheck('is shellcheck-clean on its own', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
    try {
      fs.writeFileSync(path.join(dir, 'data-host-bootstrap'), bundle);
      const result = spawnSync('shellcheck', ['--shell=bash', path.join(dir, 'data-host-bootstrap')], { encoding: 'utf8' });
      expect(result.stdout).toBe('');
      expect(result.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
