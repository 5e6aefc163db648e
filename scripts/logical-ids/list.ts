// Lists `<template> <logicalId> <Type>` for every synthesized app template, sorted,
// so that a refactor can prove it keeps every logical id:
//   npm run synth && npm run logical-ids:check
// (`npm run logical-ids -- --write` records a new baseline, after a deliberate change).
// `--check` fails when an id in baseline.txt is missing or changed type (new ids are fine).
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const baselineFile = path.join(__dirname, 'baseline.txt');

function currentIds(): string[] {
  const lines: string[] = [];
  for (const app of fs.readdirSync(path.join(root, 'apps'))) {
    const out = path.join(root, 'apps', app, 'cdk.out');
    if (!fs.existsSync(out)) throw new Error(`${out} is missing: run \`npm run synth\` first`);
    for (const file of fs.readdirSync(out).filter((f) => f.endsWith('.template.json')).sort()) {
      const { Resources = {} } = JSON.parse(fs.readFileSync(path.join(out, file), 'utf8'));
      for (const [id, resource] of Object.entries(Resources as Record<string, { Type: string }>)) lines.push(`${app}/${file} ${id} ${resource.Type}`);
    }
  }
  return lines.sort();
}

const ids = currentIds();
if (process.argv.includes('--check')) {
  const now = new Set(ids);
  const baseline = fs.readFileSync(baselineFile, 'utf8').split('\n').filter(Boolean);
  const missing = baseline.filter((line) => !now.has(line));
  if (missing.length > 0) {
    console.error(`${missing.length} logical ids of the deployed templates are gone or changed type:\n  ${missing.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`all ${baseline.length} baseline logical ids kept (${ids.length - baseline.length} new)`);
} else if (process.argv.includes('--write')) {
  fs.writeFileSync(baselineFile, ids.join('\n') + '\n');
  console.log(`wrote ${ids.length} ids to ${path.relative(root, baselineFile)}`);
} else {
  process.stdout.write(ids.join('\n') + '\n');
}
