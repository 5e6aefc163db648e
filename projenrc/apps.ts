import * as path from 'path';
import { awscdk, typescript } from 'projen';
import { checkOnlyEslint } from './lint';
import { strictJest, TRANSPILE_ONLY_TS_JEST, typecheckTestsFirst } from './jest';
import { cdkBuildCommand, transpileCommand } from './transpile';
import { LIBRARY_NAME, LIBRARY_WORKSPACE_VERSION, SUBPROJECT_TOOLCHAIN, VERSIONS } from './versions';
import { asWorkspaceMember } from './workspace';

/** Context that lets an app synthesize while its config still holds placeholders (see apps/tracker/src/placeholders.ts). */
const ALLOW_PLACEHOLDERS_CONTEXT = 'glimpse:allowPlaceholders';

export interface EnvironmentAppOptions {
  /** Folder under `apps/` and suffix of the package name. */
  readonly name: string;
  readonly description: string;
  /** Extra runtime dependencies, with explicit versions. */
  readonly deps?: string[];
  /** Extra development dependencies (tests), with explicit versions. */
  readonly devDeps?: string[];
}

/**
 * A thin environment app: configuration and composition of library
 * constructs, depending on the library through the workspace.
 *
 * The CDK CLI runs cdk.json's `build` before every synth, diff and deploy, so
 * that step is an esbuild transpile of `src/` (a fraction of a second, never a
 * stale `lib/`), and the app runs as compiled JavaScript. The app's sources and
 * tests are type-checked once, by `test:typecheck`, in `build`/`test`.
 */
export function createEnvironmentApp(
  root: typescript.TypeScriptProject,
  options: EnvironmentAppOptions,
): awscdk.AwsCdkTypeScriptApp {
  const app = new awscdk.AwsCdkTypeScriptApp({
    parent: root,
    outdir: `apps/${options.name}`,
    name: `@glimpse/${options.name}-app`,
    description: options.description,
    defaultReleaseBranch: 'main',
    packageManager: root.package.packageManager,
    cdkVersion: VERSIONS.awsCdkLib,
    cdkVersionPinning: true,
    cdkCliVersion: VERSIONS.awsCdkCli,
    constructsVersion: VERSIONS.constructs,
    typescriptVersion: VERSIONS.typescript,
    app: 'node lib/main.js',
    requireApproval: awscdk.ApprovalLevel.BROADENING,
    deps: [`${LIBRARY_NAME}@${LIBRARY_WORKSPACE_VERSION}`, `cdk-nag@${VERSIONS.cdkNag}`, ...(options.deps ?? [])],
    devDeps: [`@types/node@${VERSIONS.nodeTypes}`, ...(options.devDeps ?? [])],
    prettier: false,
    sampleCode: false,
    release: false,
    // npm workspaces hoist @types to the root node_modules.
    tsconfig: { compilerOptions: { typeRoots: ['./node_modules/@types', '../../node_modules/@types'] } },
    jestOptions: strictJest(),
    tsJestOptions: TRANSPILE_ONLY_TS_JEST,
    eslintOptions: checkOnlyEslint(),
  });
  typecheckTestsFirst(app, { alsoSources: true });
  asWorkspaceMember(app, SUBPROJECT_TOOLCHAIN);
  app.compileTask.exec(transpileCommand('src', 'lib'));
  app.cdkConfig.json.addOverride('build', cdkBuildCommand(path.relative(app.outdir, root.outdir)));
  // No AWS calls at synth: version checks and notices would reach the network.
  app.cdkConfig.json.addOverride('notices', false);
  app.cdkConfig.json.addOverride('context.cli-telemetry', false);
  // Offline synth may run on placeholder config values; `cdk deploy` (no flag) refuses them.
  for (const name of ['synth', 'synth:silent']) {
    const quiet = name === 'synth:silent' ? ' -q' : '';
    app.tasks.tryFind(name)?.reset(`cdk synth${quiet} -c ${ALLOW_PLACEHOLDERS_CONTEXT}=true`);
  }
  return app;
}
