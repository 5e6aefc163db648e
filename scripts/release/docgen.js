#!/usr/bin/env node
// Writes API.md for the jsii library in the current directory.
//
// `jsii-docgen` looks for the assemblies of the library's dependencies
// (aws-cdk-lib, constructs, cdk-nag) under the package folder only; npm
// workspaces hoist them to the repository root, so the plain CLI fails with
// "Unable to locate assembly for dependency". This runs the same generator on a
// small folder holding copies of exactly the assemblies the library depends on,
// found the way Node resolves them (hoisted or not). Copies, not symlinks:
// jsii-reflect refuses a compressed assembly whose redirect resolves elsewhere.
//
// Usage (from the library folder): node ../../scripts/release/docgen.js [API.md]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const packageDir = process.cwd();
const output = path.resolve(process.argv[2] ?? 'API.md');
// Resolve jsii-docgen from the library folder: it is the library's dev dependency.
const { Documentation, Language } = require(require.resolve('jsii-docgen', { paths: [packageDir] }));

function readAssembly(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, '.jsii'), 'utf-8'));
}

/** The package folder of every jsii dependency, transitively, keyed by name. */
function dependencyDirs(fromDir, assembly, found = new Map()) {
  for (const name of Object.keys(assembly.dependencies ?? {})) {
    if (found.has(name)) continue;
    const dir = path.dirname(require.resolve(`${name}/package.json`, { paths: [fromDir] }));
    found.set(name, dir);
    dependencyDirs(dir, readAssembly(dir), found);
  }
  return found;
}

/**
 * The API contract for adopters: every public type and property has a summary,
 * and every optional struct property says what happens when it is omitted.
 */
function undocumented(assembly) {
  const problems = [];
  for (const [fqn, type] of Object.entries(assembly.types ?? {})) {
    if (!type.docs?.summary) problems.push(`${fqn}: no doc comment`);
    for (const prop of type.properties ?? []) {
      if (!prop.docs?.summary) problems.push(`${fqn}.${prop.name}: no doc comment`);
      if (type.datatype && prop.optional && prop.docs?.default === undefined) {
        problems.push(`${fqn}.${prop.name}: optional without @default`);
      }
    }
  }
  return problems;
}

async function main() {
  const assembly = readAssembly(packageDir);
  const problems = undocumented(assembly);
  if (problems.length > 0) {
    throw new Error(`API documentation incomplete (add the doc comment / @default tag):\n  ${problems.join('\n  ')}`);
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docgen-'));
  try {
    const dirs = [['self', packageDir], ...dependencyDirs(packageDir, assembly)];
    for (const [name, dir] of dirs) {
      const slot = path.join(workDir, name.replace('/', '__'));
      fs.mkdirSync(slot);
      // `.jsii.gz`: a compressed assembly's `.jsii` redirects to it.
      for (const file of ['.jsii', '.jsii.gz'].filter((f) => fs.existsSync(path.join(dir, f)))) {
        fs.copyFileSync(path.join(dir, file), path.join(slot, file));
      }
    }
    const docs = await Documentation.forAssembly(assembly.name, workDir);
    const markdown = await docs.toMarkdown({ language: Language.TYPESCRIPT, allSubmodules: true, readme: false });
    fs.writeFileSync(output, markdown.render());
    await docs.cleanup();
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  console.log(`docgen: wrote ${path.relative(packageDir, output)}`);
}

main().catch((err) => {
  console.error(err.message ?? err);
  process.exit(1);
});
