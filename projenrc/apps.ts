import { awscdk, typescript } from 'projen';
import { checkOnlyEslint } from './lint';
import { strictJest, TRANSPILE_ONLY_TS_JEST, typecheckTestsFirst } from './jest';
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
 * constructs, depending on the library through the workspace. It synthesizes
 * from compiled JavaScript (type-checking ts-node triples synth time).
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
  typecheckTestsFirst(app);
  asWorkspaceMember(app, SUBPROJECT_TOOLCHAIN);
  // projen's CDK app runs TypeScript through ts-node and compiles nothing;
  // these apps run compiled JavaScript, so compile is tsc.
  app.compileTask.exec('tsc');
  // The CLI compiles before every synth/deploy, so `cdk deploy` never runs a stale lib/.
  app.cdkConfig.json.addOverride('build', 'npx projen compile');
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
