/**
 * `npm run compliance`: reads every app's cloud assembly and every integ
 * snapshot, writes docs/compliance.md and prints it. Exits non-zero when any
 * assembly has a finding or was not checked.
 *
 * Usage: ts-node --transpile-only scripts/compliance/report.ts [--root <dir>] [--out <file>]
 */
import * as fs from 'fs';
import * as path from 'path';
import { readAssembly } from './assembly';
import { renderReport, ReportSection } from './markdown';

/** The assemblies of a repository: apps/<app>/cdk.out (every app must be synthesized), then integ/*.snapshot. */
export function collectSections(root: string): ReportSection[] {
  const appsDir = path.join(root, 'apps');
  const apps = fs.existsSync(appsDir) ? fs.readdirSync(appsDir).filter((a) => fs.existsSync(path.join(appsDir, a, 'package.json'))).sort() : [];
  const integDir = path.join(root, 'integ');
  const snapshots = fs.existsSync(integDir) ? fs.readdirSync(integDir).filter((d) => d.endsWith('.snapshot')).sort() : [];
  return [
    ...apps.map((app) => ({ title: `apps/${app}`, compliance: readAssembly(path.join(appsDir, app, 'cdk.out')) })),
    ...snapshots.map((s) => ({ title: `integ/${s}`, compliance: readAssembly(path.join(integDir, s)) })),
  ];
}

/** True when every assembly was checked and has no findings. */
export function isClean(sections: ReportSection[]): boolean {
  return sections.every((s) => s.compliance.checked && s.compliance.findings.length === 0);
}

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

function main(args: string[]): number {
  const root = path.resolve(option(args, '--root', process.cwd()));
  const out = path.resolve(root, option(args, '--out', 'docs/compliance.md'));
  const sections = collectSections(root);
  const markdown = renderReport(sections);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${markdown}\n`);
  process.stdout.write(`${markdown}\nWritten to ${path.relative(root, out)}\n`);
  if (!isClean(sections)) {
    process.stderr.write('Compliance failed: every assembly must be checked and have zero findings (see above).\n');
    return 1;
  }
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
