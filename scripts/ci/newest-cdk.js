#!/usr/bin/env node
// The scheduled workflow's job: does the library still work with the newest aws-cdk-lib and the
// feature flags `cdk init` writes into a new project's cdk.json? Run on a scratch checkout: it moves
// every package's aws-cdk-lib to npm's newest version, then
// 1. compiles the library (jsii) and runs its unit tests with those flags as context (CDK_CONTEXT_JSON);
// 2. runs the consumer test: the getting-started app from the packed tarball through the CLI, with the
//    flags merged into its cdk.json (CDK_RECOMMENDED_FLAGS=1).
// Integ snapshots are skipped: integ-runner reads only the assembly schema of the pinned aws-cdk-lib.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const run = (cmd, args, options = {}) => execFileSync(cmd, args, { cwd: repoRoot, stdio: 'inherit', ...options });

const newest = execFileSync('npm', ['view', 'aws-cdk-lib', 'version'], { encoding: 'utf-8' }).trim();
const manifests = ['package.json', ...['packages', 'apps'].flatMap((dir) => fs.readdirSync(path.join(repoRoot, dir)).map((p) => path.join(dir, p, 'package.json')))]
  .filter((f) => fs.existsSync(path.join(repoRoot, f)));
for (const file of manifests) {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf-8'));
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    if (manifest[field]?.['aws-cdk-lib']) manifest[field]['aws-cdk-lib'] = field === 'peerDependencies' ? `^${newest}` : newest;
  }
  fs.writeFileSync(path.join(repoRoot, file), `${JSON.stringify(manifest, null, 2)}\n`);
}
console.log(`newest-cdk: aws-cdk-lib ${newest} in ${manifests.length} package.json files`);
run('npm', ['install', '--no-audit', '--no-fund']);

const flags = require(require.resolve('aws-cdk-lib/cx-api', { paths: [repoRoot] })).CURRENTLY_RECOMMENDED_FLAGS;
console.log(`newest-cdk: ${Object.keys(flags).length} recommended feature flags`);
run('npx', ['projen', 'compile:library']);
run('npx', ['jest', '--ci'], { cwd: path.join(repoRoot, 'packages', 'standard-constructs'), env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(flags) } });
run('node', ['scripts/consumer/run.js'], { env: { ...process.env, CDK_RECOMMENDED_FLAGS: '1' } });
