#!/usr/bin/env node
// `npm run test:consumer`: prove the published artifact works, as another team uses it, through the real CLI.
//
// 1. The getting-started guide shows the app in scripts/consumer/app/ verbatim: every file there is a
//    code block of docs/getting-started.md (checked byte for byte), and the guide's install line names
//    the pinned versions. One copy: the guide is what this test runs.
// 2. `npm pack` the compiled library (fails if lib/ is older than src/) and check the tarball: compiled
//    code, the jsii assembly, every bundled asset, no sources or tests.
// 3. A fresh project in a temp dir OUTSIDE the workspace (no hoisted node_modules to fall back on):
//    `npm install` the tarball, aws-cdk-lib, constructs, cdk-nag, typescript, @types/node and the pinned
//    aws-cdk CLI, as the guide says; copy the app in.
// 4. `npx cdk synth` with the installed CLI: cdk.json's build step type-checks and compiles the app
//    with tsc against the published .d.ts, then the app synthesizes with GlimpseCompliance on.
// 5. Compliance through the CLI: an app holding an unencrypted, untagged log group must make
//    `cdk synth`, `cdk diff` and `cdk deploy` exit non-zero and print each finding with its construct
//    path and fix (the CLI tells aws-cdk-lib not to fail on policy validation; the library does).
// Prints the tarball size and the time of each step. `--keep` keeps the temp dir.
const { execFile, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const { docBlocks } = require('./doc-blocks');

const repoRoot = path.resolve(__dirname, '..', '..');
const appDir = path.join(__dirname, 'app');
const guide = path.join(repoRoot, 'docs', 'getting-started.md');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const libDir = path.resolve(repoRoot, args.find((a) => !a.startsWith('--')) ?? 'packages/standard-constructs');
const timings = [];
const failures = [];
const npmEnv = { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };

async function step(name, fn) {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings.push([name, (Date.now() - started) / 1000]);
  }
}
function run(cmd, cmdArgs, cwd) {
  return execFileSync(cmd, cmdArgs, { cwd, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'], env: npmEnv });
}
function check(condition, message) {
  if (!condition) failures.push(message);
}
function filesUnder(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}
const newest = (files) => Math.max(0, ...files.map((f) => fs.statSync(f).mtimeMs));
/** The pinned aws-cdk CLI: the apps' devDependency, which projenrc/versions.ts sets. */
function pinnedCli() {
  const app = JSON.parse(fs.readFileSync(path.join(repoRoot, 'apps', 'tracker', 'package.json'), 'utf-8'));
  return app.devDependencies['aws-cdk'];
}

async function main() {
  // --- 1. the guide shows the app verbatim ------------------------------------------
  const appFiles = filesUnder(appDir).sort();
  const blocks = docBlocks(fs.readFileSync(guide, 'utf-8'));
  for (const file of appFiles) {
    if (!blocks.has(file)) failures.push(`docs/getting-started.md shows no block for ${file} (add \`<!-- app: ${file} -->\` before a fenced block)`);
    else check(blocks.get(file) === fs.readFileSync(path.join(appDir, file), 'utf-8'),
      `docs/getting-started.md's block for ${file} differs from scripts/consumer/app/${file}: copy the file into the guide`);
  }
  for (const file of blocks.keys()) check(appFiles.includes(file), `docs/getting-started.md shows ${file}, which scripts/consumer/app/ lacks`);

  // --- 2. the compiled library must be current; pack and inspect it -----------------
  const manifest = JSON.parse(fs.readFileSync(path.join(libDir, 'package.json'), 'utf-8'));
  const jsiiFile = path.join(libDir, '.jsii');
  const srcFiles = filesUnder(path.join(libDir, 'src')).filter((f) => f.endsWith('.ts')).map((f) => path.join(libDir, 'src', f));
  if (!fs.existsSync(jsiiFile) || newest(srcFiles) > fs.statSync(jsiiFile).mtimeMs) {
    throw new Error('the compiled library is missing or older than src/: run `npx projen compile:library` first.');
  }
  const pinned = (name) => `${name}@${manifest.devDependencies[name]}`;
  const installs = [pinned('aws-cdk-lib'), pinned('constructs'), pinned('cdk-nag'), `aws-cdk@${pinnedCli()}`];
  const guideText = fs.readFileSync(guide, 'utf-8');
  for (const spec of installs) check(guideText.includes(spec), `docs/getting-started.md does not install ${spec} (the pinned version)`);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'glimpse-consumer-'));
  if (work.startsWith(repoRoot + path.sep)) throw new Error(`temp dir ${work} is inside the workspace`);
  try {
    const packed = await step('npm pack', () => JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], libDir))[0]);
    const tarball = path.join(work, packed.filename);
    const inTarball = new Set(packed.files.map((f) => f.path));
    check(inTarball.has('lib/index.js') && inTarball.has('lib/index.d.ts'), 'tarball lacks lib/index.js or lib/index.d.ts');
    check(inTarball.has('.jsii'), 'tarball lacks the jsii assembly (.jsii)');
    check(inTarball.has('README.md') && inTarball.has('API.md'), 'tarball lacks README.md or API.md');
    const assets = filesUnder(path.join(libDir, 'assets')).map((f) => `assets/${f}`);
    const lambdaBundles = assets.filter((f) => f.endsWith('/index.js'));
    check(lambdaBundles.length > 0, 'no bundled Lambda handler under assets/**/index.js: run the library `bundle` task');
    for (const asset of assets) check(inTarball.has(asset), `tarball lacks the asset ${asset}`);
    check(inTarball.has('assets/data-host/bootstrap.sh'), 'tarball lacks the data-host bootstrap script');
    for (const f of inTarball) check(!/^(src|test)\//.test(f) && !f.endsWith('.tsbuildinfo'), `tarball ships a source/test file: ${f}`);

    // --- 3. a fresh project outside the workspace, installed as the guide says ----------
    const project = path.join(work, 'my-service-infra');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'my-service-infra', private: true, version: '0.0.0' }, null, 2));
    await step('npm install (tarball + registry)', () => run('npm', [
      'install', '--no-package-lock', '--ignore-scripts', '--prefer-offline', tarball, ...installs,
      `typescript@${manifest.devDependencies.typescript}`, `@types/node@${manifest.devDependencies['@types/node']}`,
    ], project));
    for (const file of appFiles) {
      fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      fs.copyFileSync(path.join(appDir, file), path.join(project, file));
    }
    const cdk = path.join(project, 'node_modules', '.bin', 'cdk');
    if (process.env.CDK_RECOMMENDED_FLAGS === '1') {
      // The scheduled workflow: the feature flags `cdk init` writes, from the installed aws-cdk-lib.
      const flags = require(require.resolve('aws-cdk-lib/cx-api', { paths: [project] })).CURRENTLY_RECOMMENDED_FLAGS;
      const cdkJson = JSON.parse(fs.readFileSync(path.join(project, 'cdk.json'), 'utf-8'));
      fs.writeFileSync(path.join(project, 'cdk.json'), JSON.stringify({ ...cdkJson, context: { ...flags, ...cdkJson.context } }, null, 2));
    }

    // --- 4. the guide's app through the CLI ------------------------------------------------
    await step('cdk synth (tsc, then the app with compliance on)', () => run(cdk, ['synth', '--quiet'], project));
    const out = path.join(project, 'cdk.out');
    const template = JSON.parse(fs.readFileSync(path.join(out, 'MyServiceStaging.template.json'), 'utf-8'));
    const types = Object.values(template.Resources).map((r) => r.Type);
    for (const type of ['AWS::ECS::Service', 'AWS::EC2::VPC', 'AWS::KMS::Key']) check(types.includes(type), `the guide's app synthesized no ${type}`);
    const image = JSON.stringify(Object.values(template.Resources).find((r) => r.Type === 'AWS::ECS::TaskDefinition')?.Properties.ContainerDefinitions[0].Image);
    check(image?.includes('636728427214.dkr.ecr.eu-west-2.') && image.includes('/my-service/worker:4f3ebae'), `the worker's image is not pulled from the shared registry: ${image}`);

    // --- 5. a compliance finding fails synth, diff and deploy through the CLI ---------------
    const findingApp = path.join(project, 'finding');
    fs.mkdirSync(findingApp);
    fs.writeFileSync(path.join(findingApp, 'cdk.json'), JSON.stringify({ app: 'node app.js', notices: false }));
    fs.writeFileSync(path.join(findingApp, 'app.js'), [
      "const { App, Stack } = require('aws-cdk-lib');",
      "const logs = require('aws-cdk-lib/aws-logs');",
      "const { GlimpseCompliance } = require('@glimpse/standard-constructs');",
      'const app = new App();',
      'GlimpseCompliance.enable(app);',
      "new logs.LogGroup(new Stack(app, 'Findings', { env: { account: '222222222222', region: 'eu-west-2' } }), 'Logs');",
      '',
    ].join('\n'));
    const cli = { synth: ['synth', '--quiet'], diff: ['diff'], deploy: ['deploy', '--require-approval', 'never'] };
    // Each command synthesizes into its own directory: the CLI locks an output directory while it synthesizes.
    // No credentials: the CLI must stop at synthesis, before any AWS call.
    const offline = { ...npmEnv, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', AWS_EC2_METADATA_DISABLED: 'true' };
    await step('cdk synth, diff, deploy of an app with findings (in parallel)', () => Promise.all(Object.entries(cli).map(async ([command, cliArgs]) => {
      const result = await promisify(execFile)(cdk, [...cliArgs, '--output', `cdk.out.${command}`], { cwd: findingApp, env: offline, encoding: 'utf-8' })
        .then((r) => ({ code: 0, output: r.stdout + r.stderr }), (e) => ({ code: e.code, output: `${e.stdout}${e.stderr}` }));
      check(result.code !== 0, `cdk ${command} exited 0 on an app with compliance findings`);
      for (const expected of [
        'Glimpse-LogGroupEncrypted at Findings/Logs/Resource',
        'Glimpse-RequiredTags[Environment] at Findings/Logs/Resource',
        'HIPAA.Security-CloudWatchLogGroupEncrypted at Findings/Logs/Resource',
      ]) check(result.output.includes(expected), `cdk ${command} did not print "${expected}":\n${result.output}`);
      check(/\n {4}Fix: \S/.test(result.output), `cdk ${command} printed no fix for the findings`);
    })));

    console.log(`test:consumer: ${manifest.name} tarball ${(fs.statSync(tarball).size / 1024).toFixed(0)} KiB packed, ` +
      `${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${packed.entryCount} files; ${lambdaBundles.length} Lambda bundle(s)`);
    console.log(`test:consumer: the getting-started app (${appFiles.length} files) synthesized through aws-cdk ${pinnedCli()}: ${types.length} resources; ` +
      'a compliance finding failed cdk synth, diff and deploy');
  } finally {
    if (keep) console.log(`test:consumer: kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

main()
  .catch((err) => failures.push(`${err.message}${err.stdout ? `\n${err.stdout}` : ''}${err.stderr ? `\n${err.stderr}` : ''}`))
  .finally(() => {
    for (const [name, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)}s  ${name}`);
    if (failures.length > 0) {
      console.error(`test:consumer FAILED:\n- ${failures.join('\n- ')}`);
      process.exitCode = 1;
    }
  });
