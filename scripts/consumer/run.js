#!/usr/bin/env node
// `npm run test:consumer`: prove the published artifact works, not the workspace.
//
// 1. `npm pack` the compiled library (fails if lib/ is older than src/).
// 2. Check the tarball: compiled code, the jsii assembly, every bundled asset
//    (Lambda bundles under assets/**, the data-host bootstrap script), no sources/tests.
// 3. Create a project in a temp dir OUTSIDE the workspace (no hoisted
//    node_modules to fall back on), `npm install` the tarball with aws-cdk-lib,
//    constructs and cdk-nag at the pinned versions from the registry (plus
//    typescript and @types/node with --typecheck).
// 4. Write the README's app (app.template.ts, blocks kept for what is exported),
//    compile it (transpile only by default; `--typecheck` type-checks it against
//    the published .d.ts files, +15-30 s), synthesize it with `node app.js`, and
//    check the templates and that the Lambda and bootstrap assets were staged.
//
// Usage: node scripts/consumer/run.js [packages/standard-constructs] [--typecheck] [--keep]
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const typecheck = args.includes('--typecheck');
const libDir = path.resolve(repoRoot, args.find((a) => !a.startsWith('--')) ?? 'packages/standard-constructs');
const timings = [];
const failures = [];

function step(name, fn) {
  const started = Date.now();
  const result = fn();
  timings.push([name, (Date.now() - started) / 1000]);
  return result;
}
function run(cmd, cmdArgs, cwd) {
  return execFileSync(cmd, cmdArgs, { cwd, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } });
}
function check(condition, message) {
  if (!condition) failures.push(message);
}
function filesUnder(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
  });
}
const newest = (files) => Math.max(0, ...files.map((f) => fs.statSync(f).mtimeMs));

// --- 1. the compiled library must be current --------------------------------
const manifest = JSON.parse(fs.readFileSync(path.join(libDir, 'package.json'), 'utf-8'));
const jsiiFile = path.join(libDir, '.jsii');
const srcFiles = filesUnder(path.join(libDir, 'src')).filter((f) => f.endsWith('.ts')).map((f) => path.join(libDir, 'src', f));
if (!fs.existsSync(jsiiFile) || newest(srcFiles) > fs.statSync(jsiiFile).mtimeMs) {
  console.error('test:consumer: the compiled library is missing or older than src/: run `npx projen compile:library` first.');
  process.exit(1);
}
const assembly = JSON.parse(fs.readFileSync(jsiiFile, 'utf-8'));
const exported = new Set(Object.values(assembly.types).map((t) => t.name));
// Exported constants (e.g. SHARED_REGISTRY_ACCOUNT) are not jsii types: read them from the .d.ts.
for (const m of fs.readFileSync(path.join(libDir, 'lib', 'index.d.ts'), 'utf-8').matchAll(/export \* from '\.\/([^']+)'/g)) {
  const dts = path.join(libDir, 'lib', m[1], 'index.d.ts');
  if (!fs.existsSync(dts)) continue;
  const text = fs.readFileSync(dts, 'utf-8');
  for (const c of text.matchAll(/export declare const (\w+)/g)) exported.add(c[1]);
  for (const sub of text.matchAll(/export \* from '\.\/([^']+)'/g)) {
    const subDts = path.join(path.dirname(dts), `${sub[1]}.d.ts`);
    if (fs.existsSync(subDts)) for (const c of fs.readFileSync(subDts, 'utf-8').matchAll(/export declare const (\w+)/g)) exported.add(c[1]);
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'glimpse-consumer-'));
if (work.startsWith(repoRoot + path.sep)) throw new Error(`temp dir ${work} is inside the workspace`);
try {
  // --- 2. pack and inspect ----------------------------------------------------
  const packed = step('npm pack', () => JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], libDir))[0]);
  const tarball = path.join(work, packed.filename);
  const inTarball = new Set(packed.files.map((f) => f.path));
  const tarballBytes = fs.statSync(tarball).size;
  check(inTarball.has('lib/index.js') && inTarball.has('lib/index.d.ts'), 'tarball lacks lib/index.js or lib/index.d.ts');
  check(inTarball.has('.jsii'), 'tarball lacks the jsii assembly (.jsii)');
  check(inTarball.has('README.md') && inTarball.has('API.md'), 'tarball lacks README.md or API.md');
  const assets = filesUnder(path.join(libDir, 'assets')).map((f) => `assets/${f.split(path.sep).join('/')}`);
  const lambdaBundles = assets.filter((f) => f.endsWith('/index.js'));
  check(lambdaBundles.length > 0, 'no bundled Lambda handler under assets/**/index.js: run the library `bundle` task');
  for (const asset of assets) check(inTarball.has(asset), `tarball lacks the asset ${asset}`);
  const bootstrap = 'assets/data-host/bootstrap.sh';
  if (exported.has('TimescaleDataHost') || fs.existsSync(path.join(libDir, bootstrap))) {
    check(inTarball.has(bootstrap), `tarball lacks the data-host bootstrap script ${bootstrap}`);
  }
  for (const f of inTarball) {
    check(!/^(src|test)\//.test(f) && !f.endsWith('.tsbuildinfo'), `tarball ships a source/test file: ${f}`);
  }

  // --- 3. a fresh project outside the workspace ---------------------------------
  const project = path.join(work, 'consumer-app');
  fs.mkdirSync(project);
  const peer = manifest.peerDependencies;
  const pinned = (name) => `${name}@${manifest.devDependencies[name] ?? peer[name].replace(/^\^/, '')}`;
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer-app', private: true, version: '0.0.0' }, null, 2));
  const compiler = typecheck
    ? [`typescript@${manifest.devDependencies.typescript}`, `@types/node@${manifest.devDependencies['@types/node']}`]
    : [];
  step('npm install (tarball + registry)', () => run('npm', [
    'install', '--no-package-lock', '--ignore-scripts', '--prefer-offline',
    tarball, pinned('aws-cdk-lib'), pinned('constructs'), pinned('cdk-nag'), ...compiler,
  ], project));
  const installed = path.join(project, 'node_modules', ...manifest.name.split('/'));
  check(fs.existsSync(path.join(installed, 'lib', 'index.js')), 'the installed package has no lib/index.js');

  // --- 4. the README's app --------------------------------------------------------
  const { source, kept, skipped } = renderApp(fs.readFileSync(path.join(__dirname, 'app.template.ts'), 'utf-8'), exported);
  fs.writeFileSync(path.join(project, 'app.ts'), source);
  fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, skipLibCheck: true, types: ['node'], outDir: '.' },
    files: ['app.ts'],
  }, null, 2));
  if (typecheck) {
    step('tsc (type-check against the published .d.ts)', () => run(path.join(project, 'node_modules', '.bin', 'tsc'), ['-p', '.'], project));
  } else {
    // The workspace's compiler only strips types; app.js resolves every import from the fresh project.
    step('transpile app.ts', () => {
      const ts = require(require.resolve('typescript', { paths: [repoRoot] }));
      const js = ts.transpileModule(fs.readFileSync(path.join(project, 'app.ts'), 'utf-8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      fs.writeFileSync(path.join(project, 'app.js'), js);
    });
  }
  step('synth (node app.js)', () => run('node', ['app.js', 'cdk.out'], project));

  const out = path.join(project, 'cdk.out');
  const templates = fs.readdirSync(out).filter((f) => f.endsWith('.template.json'));
  check(templates.includes('TrackerStaging.template.json'), `no TrackerStaging template in cdk.out (${templates.join(', ')})`);
  if (kept.includes('SharedEcrRepo')) check(templates.includes('SharedRegistry.template.json'), 'no SharedRegistry template');
  const resources = Object.fromEntries(templates.map((t) => [t, JSON.parse(fs.readFileSync(path.join(out, t), 'utf-8')).Resources ?? {}]));
  const count = (type) => Object.values(resources).flatMap((r) => Object.values(r)).filter((r) => r.Type === type).length;
  const expectations = {
    SharedEcrRepo: 'AWS::ECR::Repository',
    TimescaleDataHost: 'AWS::EC2::Instance',
    TrackerWebService: 'AWS::ECS::Service',
    TeamsAlarmForwarder: 'AWS::Lambda::Function',
    StandardAlarms: 'AWS::CloudWatch::Alarm',
  };
  for (const [construct, type] of Object.entries(expectations)) {
    if (kept.includes(construct)) check(count(type) > 0, `${construct} synthesized no ${type}`);
  }
  // Assets are staged into cdk.out from the installed package: the Lambda bundle and the bootstrap script.
  const staged = fs.readdirSync(out).filter((f) => f.startsWith('asset.'));
  const stagedFiles = staged.flatMap((d) => (fs.statSync(path.join(out, d)).isDirectory() ? filesUnder(path.join(out, d)) : [d]));
  if (kept.includes('TeamsAlarmForwarder')) check(stagedFiles.includes('index.js'), 'the Teams forwarder Lambda bundle was not staged into cdk.out');
  if (kept.includes('TimescaleDataHost')) check(stagedFiles.some((f) => f.endsWith('.sh')), 'the data-host bootstrap script was not staged into cdk.out');

  // --- report -------------------------------------------------------------------------
  console.log(`test:consumer: ${manifest.name} tarball ${(tarballBytes / 1024).toFixed(0)} KiB packed, ` +
    `${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${packed.entryCount} files; ${lambdaBundles.length} Lambda bundle(s)`);
  console.log(`test:consumer: app uses ${kept.join(', ')}; templates: ${templates.join(', ')}; ${staged.length} asset(s) staged`);
  if (skipped.length > 0) console.log(`test:consumer: not exported yet, skipped: ${skipped.join(', ')}`);
  for (const [name, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)}s  ${name}`);
} catch (err) {
  failures.push(`${err.message}${err.stdout ? `\n${err.stdout}` : ''}${err.stderr ? `\n${err.stderr}` : ''}`);
} finally {
  if (keep) console.log(`test:consumer: kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`test:consumer FAILED:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}

/**
 * Keeps `//#if A,B` … `//#endif` blocks (nestable; `!A` negates) whose names
 * are all exported, and writes the import list from the kept blocks' names.
 */
function renderApp(template, names) {
  const out = [];
  const stack = [];
  const used = new Set();
  const skippedNames = new Set();
  for (const line of template.split('\n')) {
    const open = /^\s*\/\/#if (.+)$/.exec(line);
    if (open) {
      const conds = open[1].split(',').map((c) => c.trim());
      const ok = conds.every((c) => (c.startsWith('!') ? !names.has(c.slice(1)) : names.has(c)));
      const parentOk = stack.every(Boolean);
      stack.push(ok);
      if (parentOk && ok) conds.filter((c) => !c.startsWith('!')).forEach((c) => used.add(c));
      if (parentOk && !ok) conds.filter((c) => !c.startsWith('!') && !names.has(c)).forEach((c) => skippedNames.add(c));
      continue;
    }
    if (/^\s*\/\/#endif/.test(line)) {
      stack.pop();
      continue;
    }
    if (stack.every(Boolean)) out.push(line);
  }
  const kept = [...used].sort();
  const source = out.join('\n').replace('/* IMPORTS */', kept.join(', '));
  return { source, kept, skipped: [...skippedNames].sort() };
}
