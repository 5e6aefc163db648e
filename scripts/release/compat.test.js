#!/usr/bin/env node
// Tests scripts/release/compat.js against the compiled library with fake "previous releases":
// - an older tarball whose API had a method the library no longer has: fails, naming it, unless a
//   commit declares `BREAKING CHANGE:` or `feat!:`;
// - the real npm registry, where the package was never published: passes and says so.
// Usage: node scripts/release/compat.test.js <library dir>
'use strict';
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const libDir = path.resolve(process.argv[2] ?? 'packages/standard-constructs');
const compat = path.join(__dirname, 'compat.js');
const started = Date.now();
const failures = [];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-test-'));

/** A package tarball holding `assembly` as its API, like `npm pack` makes. */
function fakeRelease(name, assembly) {
  const dir = path.join(work, name, 'package');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(libDir, 'package.json'), path.join(dir, 'package.json'));
  fs.writeFileSync(path.join(dir, '.jsii'), JSON.stringify(assembly));
  const tarball = path.join(work, `${name}.tgz`);
  execFileSync('tar', ['-czf', tarball, '-C', path.join(work, name), 'package']);
  return tarball;
}
function messages(text) {
  const file = path.join(work, `messages-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, text);
  return file;
}
function runCompat(...args) {
  const r = spawnSync('node', [compat, ...args], { cwd: libDir, encoding: 'utf-8', env: { ...process.env, PATH: `${path.join(libDir, 'node_modules', '.bin')}:${path.resolve(libDir, '..', '..', 'node_modules', '.bin')}:${process.env.PATH}` } });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
function expect(name, result, status, pattern) {
  if (result.status !== status || !pattern.test(result.output)) {
    failures.push(`${name}: expected exit ${status} and ${pattern}, got exit ${result.status}:\n${result.output}`);
  }
}

try {
  const current = JSON.parse(fs.readFileSync(path.join(libDir, '.jsii'), 'utf-8'));
  const older = structuredClone(current);
  const repo = older.types[`${current.name}.SharedEcrRepo`];
  repo.methods.push({ name: 'legacyUri', docs: { summary: 'Removed since.' }, returns: { type: { primitive: 'string' } } });
  const olderRelease = fakeRelease('older', older);

  expect('a removed method, no commit declares it', runCompat('--baseline', olderRelease, '--messages', messages('feat(ecr): tidy up\n\nNo footer.\n')),
    1, /no commit declares them[\s\S]*METHOD @glimpse\/standard-constructs\.SharedEcrRepo\.legacyUri: has been removed/);
  expect('a removed method, declared by a BREAKING CHANGE footer', runCompat('--baseline', olderRelease, '--messages', messages('feat(ecr): tidy up\n\nBREAKING CHANGE: legacyUri is gone.\n')),
    0, /declared by a commit/);
  // How a commit declares a break (pure: no jsii-diff run needed).
  const { declaresBreakingChange } = require('./compat');
  for (const [message, declared] of [
    ['feat(ecr)!: drop legacyUri\n', true],
    ['refactor!: rename\n', true],
    ['fix: x\n\nBREAKING CHANGE: y\n', true],
    ['fix: x\n\nBREAKING-CHANGE: y\n', true],
    ['fix: x\n\nThis is not a BREAKING CHANGE: y\n', false],
    ['feat: mention feat!: in the text\n', false],
    ['docs: breaking change: lowercase\n', false],
  ]) {
    if (declaresBreakingChange(message) !== declared) failures.push(`declaresBreakingChange(${JSON.stringify(message)}) should be ${declared}`);
  }
  expect('never published on npm', runCompat(), 0, /no release on npm yet/);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`compat test FAILED:\n- ${failures.join('\n- ')}`);
  process.exitCode = 1;
} else {
  console.log(`compat test: 3 jsii-diff runs and 7 commit messages passed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
