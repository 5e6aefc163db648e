/**
 * Whether bench/reference-app still deploys what the app it mirrors deploys:
 * pairs the two cloud assemblies' stacks in order and compares, per stack,
 * the resource count, the template's size (compact JSON) and the count of
 * each CloudFormation type. The bench's ratios only mean something while no
 * type count differs; `npm run bench` prints this under its synth/diff table.
 *
 * Standalone: reference-parity.ts <reference cdk.out> <app cdk.out>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface StackTemplate {
  readonly stack: string;
  readonly file: string;
}

interface TemplateFigures {
  readonly stack: string;
  readonly resources: number;
  readonly bytes: number;
  readonly types: Map<string, number>;
}

export interface StackParity {
  readonly reference?: TemplateFigures;
  readonly app?: TemplateFigures;
  /** Every type whose count differs (a missing stack counts as none of anything). */
  readonly differences: Array<{ type: string; reference: number; app: number }>;
}

/** The stacks of a cloud assembly, in manifest order, with their template files. */
export function stackTemplates(outdir: string): StackTemplate[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  return Object.entries(manifest.artifacts as Record<string, { type: string; properties?: { templateFile: string } }>)
    .filter(([, a]) => a.type === 'aws:cloudformation:stack')
    .map(([stack, a]) => ({ stack, file: path.join(outdir, a.properties!.templateFile) }));
}

function templateFigures({ stack, file }: StackTemplate): TemplateFigures {
  const template = JSON.parse(fs.readFileSync(file, 'utf8'));
  const resources = Object.values(template.Resources ?? {}) as Array<{ Type: string }>;
  const types = new Map<string, number>();
  for (const { Type } of resources) types.set(Type, (types.get(Type) ?? 0) + 1);
  return { stack, resources: resources.length, bytes: Buffer.byteLength(JSON.stringify(template)), types };
}

export function referenceParity(referenceOutdir: string, appOutdir: string): StackParity[] {
  const references = stackTemplates(referenceOutdir).map(templateFigures);
  const apps = stackTemplates(appOutdir).map(templateFigures);
  return Array.from({ length: Math.max(references.length, apps.length) }, (_, i) => {
    const [reference, app] = [references[i], apps[i]];
    const types = [...new Set([...(reference?.types.keys() ?? []), ...(app?.types.keys() ?? [])])].sort();
    const differences = types
      .map((type) => ({ type, reference: reference?.types.get(type) ?? 0, app: app?.types.get(type) ?? 0 }))
      .filter((d) => d.reference !== d.app);
    return { reference, app, differences };
  });
}

export function parityHolds(parity: StackParity[]): boolean {
  return parity.every((p) => p.differences.length === 0);
}

export function printParity(parity: StackParity[], appName: string): void {
  console.log(`\nReference parity, stack by stack against ${appName} (reference / app):`);
  const kb = (f?: TemplateFigures) => (f ? (f.bytes / 1024).toFixed(1) : '-');
  for (const { reference, app, differences } of parity) {
    const names = `${reference?.stack ?? '(none)'} / ${app?.stack ?? '(none)'}`;
    const bytes = reference && app ? ` (${(reference.bytes / app.bytes).toFixed(2)} x)` : '';
    const verdict = differences.length === 0 ? 'same count of every type' : `${differences.length} types differ:`;
    console.log(`  ${names.padEnd(40)} ${reference?.resources ?? 0} / ${app?.resources ?? 0} resources, `
      + `${kb(reference)} / ${kb(app)} KB${bytes}  ${verdict}`);
    for (const d of differences) console.log(`    ${d.type.padEnd(50)} ${String(d.reference).padStart(4)} / ${d.app}`);
  }
}

if (require.main === module) {
  const [referenceOutdir, appOutdir] = process.argv.slice(2);
  if (!referenceOutdir || !appOutdir) throw new Error('usage: reference-parity.ts <reference cdk.out> <app cdk.out>');
  const parity = referenceParity(referenceOutdir, appOutdir);
  printParity(parity, appOutdir);
  if (!parityHolds(parity)) process.exitCode = 1;
}
