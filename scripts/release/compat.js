#!/usr/bin/env node
// `compat` (library build, after compile): the API must stay compatible with the last release.
//
// jsii-diff compares the compiled assembly with the newest version of the package on npm. A breaking
// change fails the build unless a commit since that release declares it (`BREAKING CHANGE:` in the
// body or `!` after the type, as in `feat!:`), which makes the release a major version.
// No version on npm yet: nothing to compare against, and it says so.
//
// Usage (from the library folder): node ../../scripts/release/compat.js
//   [--baseline <dir with .jsii | .tgz>]   compare with this package instead of npm's newest (tests)
//   [--messages <file>]                    commit messages to read instead of git's (tests)
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const packageDir = process.cwd();
const manifestFile = path.join(packageDir, 'package.json');
const manifest = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf-8')) : {};
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

/** The newest version on npm, or undefined when the package was never published. */
function publishedVersion() {
  const result = spawnSync('npm', ['view', manifest.name, 'version', '--json'], { encoding: 'utf-8' });
  if (result.status === 0) return JSON.parse(result.stdout);
  if (/E404|404 Not Found/.test(result.stdout + result.stderr)) return undefined;
  throw new Error(`npm view ${manifest.name} failed:\n${result.stderr}`);
}

/** Commit messages since the release (`v<version>` tag), or the last commit's if the tag is not here. */
function commitMessages(version) {
  const file = option('--messages');
  if (file) return fs.readFileSync(file, 'utf-8');
  const git = (...a) => execFileSync('git', a, { cwd: packageDir, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'ignore'] });
  const tag = `v${version}`;
  let hasTag = true;
  try {
    git('rev-parse', '--verify', '--quiet', `refs/tags/${tag}`);
  } catch {
    hasTag = false;
  }
  return git('log', '--format=%B%x00', ...(hasTag ? [`${tag}..HEAD`] : ['-1']));
}

/** Whether any message declares a breaking change the conventional-commits way. */
function declaresBreakingChange(messages) {
  return /^BREAKING[ -]CHANGE:/m.test(messages) || /^\w+(\([^)]*\))?!:/m.test(messages);
}

/** The baseline as a folder inside the package (so its dependencies resolve from the workspace). */
function baselineDir(baseline) {
  if (!baseline.endsWith('.tgz')) return { dir: path.resolve(baseline), cleanup: () => undefined };
  const dir = path.join(packageDir, '.compat-baseline');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  execFileSync('tar', ['-xzf', path.resolve(baseline), '-C', dir, '--strip-components=1']);
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function main() {
  const baseline = option('--baseline');
  const version = baseline ? undefined : publishedVersion();
  if (!baseline && version === undefined) {
    console.log(`compat: ${manifest.name} has no release on npm yet: no API to stay compatible with (jsii-diff skipped).`);
    return 0;
  }
  const original = baseline ? baselineDir(baseline) : { dir: `npm:${manifest.name}@${version}`, cleanup: () => undefined };
  try {
    const diff = spawnSync('jsii-diff', [original.dir, packageDir, '--keys', '--error-on', 'all'], { encoding: 'utf-8', cwd: packageDir });
    const report = `${diff.stdout}${diff.stderr}`.trim();
    const against = baseline ?? `${manifest.name}@${version}`;
    if (diff.status === 0) {
      console.log(`compat: no breaking API change since ${against}.${report ? `\n${report}` : ''}`);
      return 0;
    }
    if (!/^(err|warn)\s+-/m.test(report)) throw new Error(`jsii-diff failed:\n${report}`);
    if (declaresBreakingChange(commitMessages(version))) {
      console.log(`compat: breaking API changes since ${against}, declared by a commit (BREAKING CHANGE): the release is a major version.\n${report}`);
      return 0;
    }
    console.error(`compat: breaking API changes since ${against}, and no commit declares them.\n${report}\n`
      + 'Keep the old API (deprecate it instead), or declare the break in the commit message with a '
      + '`BREAKING CHANGE: <what users must change>` footer (or `feat!:`): the release then becomes a major version.');
    return 1;
  } finally {
    original.cleanup();
  }
}

module.exports = { declaresBreakingChange };

if (require.main === module) {
  try {
    process.exitCode = main();
  } catch (err) {
    console.error(`compat: ${err.message}`);
    process.exitCode = 1;
  }
}
