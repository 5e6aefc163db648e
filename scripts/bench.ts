/**
 * Synth benchmark (`npm run bench`): times `node lib/main.js` of every app
 * against an app with one empty stack, both started exactly like the CDK CLI
 * starts an app (a fresh Node process with CDK_OUTDIR and CDK_CONTEXT_JSON),
 * prints the ratio, and counts resources per stack against CloudFormation's
 * limit of 500. Usage: ts-node scripts/bench.ts apps/tracker apps/... [--runs N]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const RESOURCE_LIMIT = 500;
const ROOT = path.resolve(__dirname, '..');

interface Run { readonly seconds: number; readonly outdir: string }

function parseArgs(argv: string[]): { apps: string[]; runs: number } {
  const runsFlag = argv.indexOf('--runs');
  const runs = runsFlag >= 0 ? Number(argv[runsFlag + 1]) : 3;
  const apps = argv.filter((a, i) => !a.startsWith('--') && (runsFlag < 0 || i !== runsFlag + 1));
  if (apps.length === 0 || !Number.isInteger(runs) || runs < 1) {
    throw new Error('usage: bench.ts <app dir>... [--runs N]');
  }
  return { apps, runs };
}

/** The context the CLI would pass: cdk.json's `context` plus cdk.context.json. */
function cliContext(appDir: string): Record<string, unknown> {
  const read = (file: string) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {});
  return { ...read(path.join(appDir, 'cdk.json')).context, ...read(path.join(appDir, 'cdk.context.json')) };
}

/** Runs one synth the way the CLI does and returns its wall time. */
function synthOnce(entry: string, cwd: string, context: Record<string, unknown>): Run {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [entry], {
    cwd,
    env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`synth of ${entry} failed:\n${result.stderr}`);
  return { seconds, outdir };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Times `runs` synths (after one untimed warm-up that fills the OS file cache). */
function time(entry: string, cwd: string, context: Record<string, unknown>, runs: number): { median: number; outdir: string } {
  fs.rmSync(synthOnce(entry, cwd, context).outdir, { recursive: true, force: true });
  const results = Array.from({ length: runs }, () => synthOnce(entry, cwd, context));
  for (const r of results.slice(1)) fs.rmSync(r.outdir, { recursive: true, force: true });
  return { median: median(results.map((r) => r.seconds)), outdir: results[0].outdir };
}

/** Resources per stack template in a cloud assembly. */
function resourceCounts(outdir: string): Array<{ stack: string; resources: number }> {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  return Object.entries(manifest.artifacts as Record<string, { type: string; properties?: { templateFile: string } }>)
    .filter(([, a]) => a.type === 'aws:cloudformation:stack')
    .map(([stack, a]) => {
      const template = JSON.parse(fs.readFileSync(path.join(outdir, a.properties!.templateFile), 'utf8'));
      return { stack, resources: Object.keys(template.Resources ?? {}).length };
    });
}

/** An app with one empty stack, next to the apps so it loads the same aws-cdk-lib. */
function writeEmptyApp(): string {
  const file = path.join(ROOT, 'apps', '.bench-empty-app.js');
  fs.writeFileSync(file, [
    "const { App, Stack } = require('aws-cdk-lib');",
    'const app = new App();',
    "new Stack(app, 'Empty', { env: { account: '111111111111', region: 'eu-west-2' } });",
    'app.synth();',
  ].join('\n'));
  return file;
}

function main(): void {
  const { apps, runs } = parseArgs(process.argv.slice(2));
  const emptyApp = writeEmptyApp();
  try {
    const empty = time(emptyApp, path.dirname(emptyApp), {}, runs);
    fs.rmSync(empty.outdir, { recursive: true, force: true });
    console.log(`Synth benchmark: median of ${runs} runs after a warm-up, node ${process.version}, ${os.cpus().length} CPUs`);
    console.log(`  empty app (one empty stack)        ${empty.median.toFixed(2)} s`);
    let total = 0;
    const stacks: Array<{ stack: string; resources: number }> = [];
    for (const app of apps) {
      const appDir = path.resolve(ROOT, app);
      const entry = path.join(appDir, 'lib', 'main.js');
      if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: compile the app first (npx tsc in ${app})`);
      const result = time(entry, appDir, cliContext(appDir), runs);
      total += result.median;
      stacks.push(...resourceCounts(result.outdir));
      fs.rmSync(result.outdir, { recursive: true, force: true });
      console.log(`  ${app.padEnd(34)} ${result.median.toFixed(2)} s  (${(result.median / empty.median).toFixed(2)} x empty)`);
    }
    console.log(`  all apps                           ${total.toFixed(2)} s  (${(total / empty.median).toFixed(2)} x empty, `
      + `${(total / (empty.median * apps.length)).toFixed(2)} x ${apps.length} empty apps)`);
    console.log(`Resources per stack (CloudFormation limit ${RESOURCE_LIMIT}):`);
    for (const { stack, resources } of stacks) {
      const share = (100 * resources) / RESOURCE_LIMIT;
      console.log(`  ${stack.padEnd(34)} ${String(resources).padStart(4)}  ${share.toFixed(0).padStart(3)} %${resources > RESOURCE_LIMIT * 0.8 ? '  WARNING: over 80 %' : ''}`);
    }
    if (stacks.some((s) => s.resources > RESOURCE_LIMIT)) process.exitCode = 1;
  } finally {
    fs.rmSync(emptyApp, { force: true });
  }
}

main();
