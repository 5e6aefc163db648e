/**
 * `npm run bench`: the figures a platform engineer feels, each the median of
 * several runs after a warm-up, with ratios to a plain aws-cdk-lib app of the
 * same size (bench/reference-app) run exactly the same way:
 * - `cdk synth` and `cdk diff` of every app through the pinned CLI, and
 *   whether the reference still deploys the same resource types as the app
 *   it mirrors (the ratio's verdict is REFERENCE DIFFERS until it does);
 * - the share of an app's synth spent in the compliance packs;
 * - `npm run synth` from a clean tree (no lib/, no cdk.out);
 * - the inner loop, `npx jest test/<area>` per construct family, warm;
 * - resources per stack against CloudFormation's limit of 500;
 * - with `--fresh`: `npm ci`, `npm run synth` and `npm test` in a fresh clone.
 *
 * Usage: bench.ts <app dir>... [--runs N] [--areas a,b] [--no-jest] [--fresh]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parityHolds, printParity, referenceParity, stackTemplates } from './bench/reference-parity';

const ROOT = path.resolve(__dirname, '..');
const LIBRARY = path.join(ROOT, 'packages', 'standard-constructs');
const REFERENCE = path.join(ROOT, 'bench', 'reference-app');
const RESOURCE_LIMIT = 500;
/** The goals the figures are held against (CONTRIBUTING.md, "Speed"). */
/** Offline synth of configs that still hold placeholders, as `npm run synth` does (apps/tracker/src/placeholders.ts). */
const ALLOW_PLACEHOLDERS_CONTEXT = { 'glimpse:allowPlaceholders': 'true' };
const ALLOW_PLACEHOLDERS = Object.entries(ALLOW_PLACEHOLDERS_CONTEXT).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
const GOALS = { cliRatio: 1.2, synthSeconds: 40, packShare: 0.3, innerLoopSeconds: 15, testSeconds: 360 };

interface Options {
  readonly apps: string[];
  readonly runs: number;
  readonly areas?: string[];
  readonly jest: boolean;
  readonly fresh: boolean;
}

function parseArgs(argv: string[]): Options {
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const runs = Number(value('--runs') ?? 3);
  const flagValues = new Set(['--runs', '--areas'].map(value));
  const apps = argv.filter((a) => !a.startsWith('--') && !flagValues.has(a));
  if (apps.length === 0 || !Number.isInteger(runs) || runs < 1) {
    throw new Error('usage: bench.ts <app dir>... [--runs N] [--areas a,b] [--no-jest] [--fresh]');
  }
  return { apps, runs, areas: value('--areas')?.split(','), jest: !argv.includes('--no-jest'), fresh: argv.includes('--fresh') };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs a command to completion and returns its wall time; a failure stops the bench with its output. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${path.relative(ROOT, cwd) || '.'}) failed:\n${result.stdout}\n${result.stderr}`);
  }
  return seconds;
}

/** The median of `runs` timed runs after one untimed warm-up (which fills the OS file cache). */
function timed(runs: number, once: () => number, before: () => void = () => undefined): number {
  before();
  once();
  return median(Array.from({ length: runs }, () => {
    before();
    return once();
  }));
}

/** The pinned CLI the apps depend on, resolved the way `npx cdk` in an app's folder resolves it. */
function cdkCli(appDir: string): string {
  return require.resolve('aws-cdk/bin/cdk', { paths: [appDir] });
}

interface AppFigures {
  readonly name: string;
  /** The cloud assembly its `cdk synth` wrote. */
  readonly outdir: string;
  readonly synth: number;
  readonly diff: number;
  readonly process: number;
  /** Seconds the packs' validation took (median); loading cdk-nag is measured once, apart. */
  readonly packs: number;
  readonly stacks: Array<{ stack: string; resources: number }>;
}

/** Seconds the compliance packs spent, from the summaries they write into the cloud assembly. */
function packSeconds(outdir: string): number {
  const summaries = fs.readdirSync(outdir).filter((f) => /^nag-summary\..*\.json$/.test(f));
  return summaries.reduce((sum, f) => sum + (JSON.parse(fs.readFileSync(path.join(outdir, f), 'utf8')).elapsedMs ?? 0) / 1000, 0);
}

/**
 * What loading cdk-nag costs an app process, which the packs' own timings
 * cannot see (the library loads it before any pack runs): a process that
 * loads it minus one that loads only aws-cdk-lib, from `appDir`. The same for
 * every app of the workspace, so measured once.
 */
function nagLoadSeconds(appDir: string, runs: number): number {
  const load = (module: string) => timed(runs, () => run(process.execPath, ['-e', `require('${module}')`], appDir));
  return Math.max(0, load('cdk-nag') - load('aws-cdk-lib'));
}

/**
 * `cdk synth` and `cdk diff` (against the app's own synthesized template, so
 * it runs offline) of the first stack, through the pinned CLI: build step,
 * app process, assembly, as a user runs them. Then the app process alone,
 * with the share the packs took of it.
 */
function benchApp(appDir: string, runs: number, cli: string): AppFigures {
  const env = { CDK_DISABLE_VERSION_CHECK: '1' };
  const synth = timed(runs, () => run(process.execPath, [cli, 'synth', '--quiet', ...ALLOW_PLACEHOLDERS], appDir, env));
  const outdir = path.join(appDir, 'cdk.out');
  const stacks = stackTemplates(outdir);
  const baseline = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-diff-')), 'template.json');
  fs.copyFileSync(stacks[0].file, baseline);
  const diff = timed(runs, () => run(process.execPath, [cli, 'diff', ...ALLOW_PLACEHOLDERS, '--template', baseline, stacks[0].stack], appDir, env));
  const processOut = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-app-'));
  const context = JSON.stringify(cliContext(appDir));
  const shares: number[] = [];
  const processSeconds = timed(runs, () => {
    const seconds = run(process.execPath, ['lib/main.js'], appDir, { CDK_OUTDIR: processOut, CDK_CONTEXT_JSON: context });
    shares.push(packSeconds(processOut));
    return seconds;
  });
  fs.rmSync(processOut, { recursive: true, force: true });
  return {
    name: path.relative(ROOT, appDir),
    outdir,
    synth,
    diff,
    process: processSeconds,
    packs: median(shares),
    stacks: stacks.map(({ stack, file }) => ({ stack, resources: Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).Resources ?? {}).length })),
  };
}

/** The context the CLI would pass: cdk.json's `context` plus cdk.context.json. */
function cliContext(appDir: string): Record<string, unknown> {
  const read = (file: string) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {});
  return { ...read(path.join(appDir, 'cdk.json')).context, ...read(path.join(appDir, 'cdk.context.json')), ...ALLOW_PLACEHOLDERS_CONTEXT };
}

function verdict(ok: boolean): string {
  return ok ? 'ok' : 'OVER GOAL';
}

function printApps(figures: AppFigures[], reference: AppFigures, nagLoad: number): void {
  // The reference mirrors the largest app; a ratio of a smaller app to it would compare different deployments.
  const largest = figures.reduce((a, b) => (resourceTotal(a) >= resourceTotal(b) ? a : b));
  console.log('\ncdk synth / cdk diff through the pinned CLI (median, seconds; ratio to the reference app it mirrors):');
  for (const f of [reference, ...figures]) {
    const ratio = (a: number, b: number) => (f === largest ? ` (${(a / b).toFixed(2)} x)` : '');
    const resources = f.stacks.map((s) => s.resources).join('+');
    console.log(`  ${f.name.padEnd(24)} synth ${f.synth.toFixed(2)}${ratio(f.synth, reference.synth)}  diff ${f.diff.toFixed(2)}${ratio(f.diff, reference.diff)}  [${resources} resources]`);
  }
  const worst = Math.max(largest.synth / reference.synth, largest.diff / reference.diff);
  // The ratio is only a verdict while the reference deploys what the app deploys.
  const parity = referenceParity(reference.outdir, largest.outdir);
  const cliVerdict = parityHolds(parity) ? verdict(worst <= GOALS.cliRatio) : 'REFERENCE DIFFERS';
  console.log(`  goal: ${largest.name} (the app the reference mirrors) <= ${GOALS.cliRatio} x: ${worst.toFixed(2)} x ${cliVerdict}`);
  printParity(parity, largest.name);
  console.log('\nThe compliance packs (their validation plus loading cdk-nag): share of each app\'s cdk synth, and of its process:');
  for (const f of figures) {
    const packs = f.packs + nagLoad;
    const share = packs / f.synth;
    console.log(`  ${f.name.padEnd(24)} packs ${packs.toFixed(2)} s = ${(100 * share).toFixed(0)} % of cdk synth ${f.synth.toFixed(2)} s  `
      + `${verdict(share <= GOALS.packShare)}  (${(100 * packs / f.process).toFixed(0)} % of node lib/main.js ${f.process.toFixed(2)} s)`);
  }
  console.log(`\nResources per stack (CloudFormation limit ${RESOURCE_LIMIT}):`);
  for (const { stack, resources } of figures.flatMap((f) => f.stacks)) {
    console.log(`  ${stack.padEnd(40)} ${String(resources).padStart(4)}  ${((100 * resources) / RESOURCE_LIMIT).toFixed(0).padStart(3)} %`);
    if (resources > RESOURCE_LIMIT) process.exitCode = 1;
  }
}

function resourceTotal(f: AppFigures): number {
  return f.stacks.reduce((total, s) => total + s.resources, 0);
}

/** `npm run synth` from a tree with no build output, as on a fresh clone. */
function benchSynth(apps: string[], runs: number): number {
  const clean = () => {
    for (const dir of [path.join(LIBRARY, 'lib'), ...apps.flatMap((a) => [path.join(ROOT, a, 'lib'), path.join(ROOT, a, 'cdk.out')])]) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  return timed(runs, () => run('npm', ['run', 'synth', '--silent'], ROOT), clean);
}

/** `npx jest test/<area>` for each construct family, warm (the transform cache is filled by the warm-up). */
function benchInnerLoop(runs: number, areas?: string[]): Array<{ area: string; seconds: number }> {
  const all = fs.readdirSync(path.join(LIBRARY, 'test'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  return (areas ?? all).map((area) => ({ area, seconds: timed(runs, () => run('npx', ['jest', `test/${area}`], LIBRARY)) }));
}

/** `npm ci`, `npm run synth` and `npm test` in a fresh clone of HEAD. */
function benchFresh(runs: number): Record<string, number> {
  const figures: Record<string, number[]> = { 'npm ci': [], 'npm run synth': [], 'npm test': [] };
  for (let i = 0; i < runs; i++) {
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-clone-'));
    try {
      run('git', ['clone', '--quiet', ROOT, clone], ROOT);
      figures['npm ci'].push(run('npm', ['ci', '--silent'], clone));
      figures['npm run synth'].push(run('npm', ['run', 'synth', '--silent'], clone));
      figures['npm test'].push(run('npm', ['test', '--silent'], clone));
    } finally {
      fs.rmSync(clone, { recursive: true, force: true });
    }
  }
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, median(v)]));
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  console.log(`Bench: median of ${options.runs} runs after a warm-up; node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);

  const synth = benchSynth(options.apps, options.runs);
  console.log(`\nnpm run synth from a clean tree: ${synth.toFixed(1)} s (goal <= ${GOALS.synthSeconds} s: ${verdict(synth <= GOALS.synthSeconds)})`);

  // Every app, the reference included, through the apps' pinned CLI (the root also holds integ-runner's older one).
  const cli = cdkCli(path.resolve(ROOT, options.apps[0]));
  const reference = benchApp(REFERENCE, options.runs, cli);
  const apps = options.apps.map((app) => benchApp(path.resolve(ROOT, app), options.runs, cli));
  printApps(apps, { ...reference, name: 'reference (plain CDK)' }, nagLoadSeconds(path.resolve(ROOT, options.apps[0]), options.runs));

  if (options.jest) {
    console.log(`\nInner loop, npx jest test/<area> warm (goal for a construct family, src/<area>: <= ${GOALS.innerLoopSeconds} s):`);
    for (const { area, seconds } of benchInnerLoop(options.runs, options.areas)) {
      const family = fs.existsSync(path.join(LIBRARY, 'src', area));
      console.log(`  ${area.padEnd(24)} ${seconds.toFixed(1)} s  ${family ? verdict(seconds <= GOALS.innerLoopSeconds) : '(not a construct family)'}`);
    }
  }

  if (options.fresh) {
    console.log('\nFresh clone of HEAD:');
    for (const [what, seconds] of Object.entries(benchFresh(options.runs))) {
      const goal = what === 'npm test' ? ` (goal <= ${GOALS.testSeconds} s: ${verdict(seconds <= GOALS.testSeconds)})` : '';
      console.log(`  ${what.padEnd(24)} ${seconds.toFixed(1)} s${goal}`);
    }
  }
}

main();
