#!/usr/bin/env node
// `npm run test:workflows`: every file in .github/workflows/ passes action-validator (GitHub's
// workflow schema, offline), hand-written ones included; and the Debian packages the workflows
// install (.ci/apt-packages) are exactly those .ci/run installs.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const workflowsDir = path.join(repoRoot, '.github', 'workflows');
const started = Date.now();
const failures = [];

const workflows = fs.readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f)).sort();
if (workflows.length === 0) failures.push('no workflow files in .github/workflows/');
const validator = path.join(repoRoot, 'node_modules', '.bin', 'action-validator');
for (const file of workflows) {
  // Relative paths: action-validator checks `paths` globs against the repository from its working directory.
  const result = spawnSync(validator, [path.join('.github', 'workflows', file)], { cwd: repoRoot, encoding: 'utf-8' });
  if (result.status !== 0) failures.push(`${file} is not a valid workflow:\n${result.stdout}${result.stderr}`);
}

// The apt-get line of .ci/run: the packages after `install` and its options, up to the redirect.
const ciRun = fs.readFileSync(path.join(repoRoot, '.ci', 'run'), 'utf-8').replace(/\\\n/g, ' ');
const installLine = /apt-get install ([^\n>]*)/.exec(ciRun);
const fromCiRun = (installLine ? installLine[1].split(/\s+/) : []).filter((w) => w && !w.startsWith('-')).sort();
const fromFile = fs.readFileSync(path.join(repoRoot, '.ci', 'apt-packages'), 'utf-8').split('\n').map((l) => l.trim()).filter(Boolean).sort();
if (JSON.stringify(fromCiRun) !== JSON.stringify(fromFile)) {
  failures.push(`.ci/apt-packages (${fromFile.join(' ')}) differs from the packages .ci/run installs (${fromCiRun.join(' ')}): keep them equal`);
}

if (failures.length > 0) {
  console.error(`test:workflows FAILED:\n- ${failures.join('\n- ')}`);
  process.exitCode = 1;
} else {
  console.log(`test:workflows: ${workflows.length} workflow files valid (${workflows.join(', ')}); `
    + `${fromFile.length} Debian packages match .ci/run (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
