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
// Usage (from the library folder): node -r ts-node/register/transpile-only ../../scripts/release/docgen.ts [API.md]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const packageDir = process.cwd();
const output = path.resolve(process.argv[2] ?? 'API.md');
// Resolve jsii-docgen from the library folder: it is the library's dev dependency.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Documentation, Language } = require(require.resolve('jsii-docgen', { paths: [packageDir] })) as typeof import('jsii-docgen');

interface Assembly {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly types?: Record<string, {
    readonly datatype?: boolean;
    readonly docs?: { readonly summary?: string };
    readonly properties?: Array<{ readonly name: string; readonly optional?: boolean; readonly docs?: { readonly summary?: string; readonly default?: string }; readonly type?: { readonly primitive?: string } }>;
  }>;
}

function readAssembly(dir: string): Assembly {
  return JSON.parse(fs.readFileSync(path.join(dir, '.jsii'), 'utf-8'));
}

/** The package folder of every jsii dependency, transitively, keyed by name. */
function dependencyDirs(fromDir: string, assembly: Assembly, found = new Map<string, string>()): Map<string, string> {
  for (const name of Object.keys(assembly.dependencies ?? {})) {
    if (found.has(name)) continue;
    const dir = path.dirname(require.resolve(`${name}/package.json`, { paths: [fromDir] }));
    found.set(name, dir);
    dependencyDirs(dir, readAssembly(dir), found);
  }
  return found;
}

/** A number named for a time unit (not a rate "per" one): CONTRIBUTING.md asks for a `Duration` instead. */
const TIME_UNIT_SUFFIX = /^(?!.*Per[A-Z]).*(Millis|Milliseconds|Seconds|Minutes|Hours|Days)$/;

/**
 * The API contract for adopters (CONTRIBUTING.md, "API conventions"): every
 * public type and property has a summary, every optional struct property says
 * what happens when it is omitted, and times are `Duration`s, not numbers.
 */
function apiConventionViolations(assembly: Assembly): string[] {
  const problems: string[] = [];
  for (const [fqn, type] of Object.entries(assembly.types ?? {})) {
    if (!type.docs?.summary) problems.push(`${fqn}: no doc comment`);
    for (const prop of type.properties ?? []) {
      if (!prop.docs?.summary) problems.push(`${fqn}.${prop.name}: no doc comment`);
      if (type.datatype && prop.optional && prop.docs?.default === undefined) {
        problems.push(`${fqn}.${prop.name}: optional without @default`);
      }
      if (prop.type?.primitive === 'number' && TIME_UNIT_SUFFIX.test(prop.name)) {
        problems.push(`${fqn}.${prop.name}: a time as a number; take a Duration`);
      }
    }
  }
  return problems;
}

async function main() {
  const assembly = readAssembly(packageDir);
  const problems = apiConventionViolations(assembly);
  if (problems.length > 0) {
    throw new Error(`API conventions not met (CONTRIBUTING.md: doc comments, @default tags, Duration for times):\n  ${problems.join('\n  ')}`);
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

main().catch((err: Error) => {
  console.error(err.message ?? err);
  process.exit(1);
});
