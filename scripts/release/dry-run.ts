// `npm run release:dry`: what would the next release of the library be?
//
// Runs the library's projen `bump` task with the same environment as its
// `release` task (the major version line), prints the version, tag and
// changelog it computed from the conventional commits since the last tag, then
// restores package.json byte for byte. Nothing is committed, tagged, pushed or
// published; the outputs stay in <library>/dist/ (git-ignored).
//
// Offline, on Node 20: the bump tool is pinned to commit-and-tag-version 12.7.1
// (13.x needs Node >= 22), installed as a dev dependency.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const libDir = path.resolve(repoRoot, process.argv[2] ?? 'packages/standard-constructs');
const tasks = JSON.parse(fs.readFileSync(path.join(libDir, '.projen', 'tasks.json'), 'utf-8')).tasks;
const bump = tasks.bump;
if (!bump || !tasks.release) {
  console.error(`release:dry: ${libDir} has no projen bump/release tasks (is release enabled in projenrc/release.ts?)`);
  process.exit(1);
}

// Like `release` (which starts with `rm -fr dist`): the changelog tool appends to an existing file.
for (const file of [bump.env.CHANGELOG, bump.env.BUMPFILE, bump.env.RELEASETAG]) {
  fs.rmSync(path.join(libDir, file), { force: true });
}
const manifestPath = path.join(libDir, bump.env.OUTFILE);
const manifest = fs.readFileSync(manifestPath);
const started = Date.now();
let failed = false;
try {
  // `release` sets MAJOR (the version line) for the bump it spawns; so do we.
  const env = { ...process.env, ...tasks.release.env, RELEASE: undefined };
  execFileSync('npx', ['projen', 'bump'], { cwd: libDir, env, stdio: 'inherit' });
  const read = (file: string) => fs.readFileSync(path.join(libDir, file), 'utf-8').trim();
  console.log('\n=== release:dry ===');
  console.log(`next version: ${read(bump.env.BUMPFILE)}`);
  console.log(`release tag:  ${read(bump.env.RELEASETAG)}`);
  console.log(`changelog (${path.join(path.relative(repoRoot, libDir), bump.env.CHANGELOG)}):\n`);
  console.log(read(bump.env.CHANGELOG));
} catch (err) {
  failed = true;
  console.error(`release:dry: bump failed: ${(err as Error).message}`);
} finally {
  fs.writeFileSync(manifestPath, manifest);
  const rc = path.join(libDir, '.versionrc.json');
  if (fs.existsSync(rc)) fs.rmSync(rc);
}
console.log(`\nrelease:dry: ${((Date.now() - started) / 1000).toFixed(1)}s; ${path.relative(repoRoot, manifestPath)} restored`);
process.exit(failed ? 1 : 0);
