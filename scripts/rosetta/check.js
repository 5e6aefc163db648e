#!/usr/bin/env node
// Compiles every example of the library with jsii-rosetta in strict mode, so a wrong snippet fails the build:
// the library README and every `@example` (both in the jsii assembly) and every `src/<family>/README.md`
// (not part of the assembly: each is added as a pseudo-submodule README of a copy of it).
// Snippets are compiled inside the fixtures in rosetta/ (`default.ts-fixture` unless a snippet names another
// with `fixture=<name>` after its opening fence).
//
// Snippets whose code and referenced types are unchanged since the last run are taken from a local cache
// (`.rosetta-cache.tabl.json`, not committed): they compiled then, against the same types.
//
// Writes the translations (Python, Java, C#, Go) next to the assembly as `.jsii.tabl.json`, which ships in
// the npm package: jsii-pacmak puts them into the other languages' docs.
//
// Usage (from the library folder): node ../../scripts/rosetta/check.js
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const packageDir = process.cwd();
const started = Date.now();
const assembly = JSON.parse(fs.readFileSync(path.join(packageDir, '.jsii'), 'utf-8'));
const srcDir = path.join(packageDir, 'src');
const familyReadmes = fs.readdirSync(srcDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(srcDir, e.name, 'README.md')))
  .map((e) => e.name)
  .sort();

// A copy of the assembly in a scratch folder beside the package (so that `@glimpse/standard-constructs`
// and its dependencies resolve from it), with one pseudo-submodule per family README.
const scratch = path.join(packageDir, '.rosetta');
fs.rmSync(scratch, { recursive: true, force: true });
fs.mkdirSync(scratch);
const extended = {
  ...assembly,
  // The README as it is now, not as of the last jsii compile.
  readme: { markdown: fs.readFileSync(path.join(packageDir, 'README.md'), 'utf-8') },
  submodules: {
    ...assembly.submodules,
    ...Object.fromEntries(familyReadmes.map((family) => [`${assembly.name}.${family}`, {
      locationInModule: { filename: `src/${family}/index.ts`, line: 1 },
      readme: { markdown: fs.readFileSync(path.join(srcDir, family, 'README.md'), 'utf-8') },
    }])),
  },
};
fs.writeFileSync(path.join(scratch, '.jsii'), JSON.stringify(extended));
fs.writeFileSync(path.join(scratch, 'package.json'), fs.readFileSync(path.join(packageDir, 'package.json')));
// Fixtures name the library's classes through `/* GLIMPSE_EXPORTS */`, filled in from the assembly so that a
// new class needs no fixture edit.
const exportedClasses = Object.values(assembly.types).filter((t) => t.kind === 'class' || t.kind === 'enum').map((t) => t.name).sort();
fs.mkdirSync(path.join(scratch, 'rosetta'));
for (const fixture of fs.readdirSync(path.join(packageDir, 'rosetta'))) {
  const text = fs.readFileSync(path.join(packageDir, 'rosetta', fixture), 'utf-8');
  fs.writeFileSync(path.join(scratch, 'rosetta', fixture), text.replace('/* GLIMPSE_EXPORTS */', exportedClasses.join(', ')));
}

try {
  execFileSync('jsii-rosetta', ['extract', '--strict', '--batch', '--cache', path.join(packageDir, '.rosetta-cache.tabl.json'), '--directory', packageDir, scratch], { stdio: 'inherit', cwd: packageDir });
  // Keep the translations of the published assembly's own snippets beside it.
  fs.copyFileSync(path.join(scratch, '.jsii.tabl.json'), path.join(packageDir, '.jsii.tabl.json'));
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
console.log(`rosetta: compiled the examples of README.md, ${familyReadmes.length} family READMEs and every @example `
  + `in strict mode (${((Date.now() - started) / 1000).toFixed(1)} s)`);
