import { awscdk, javascript, typescript } from 'projen';
import { ALARM_CARD_DEV_DEPS, JSII_TOOLCHAIN, LAMBDA_HANDLER_DEPS, LIBRARY_NAME, REPOSITORY_URL, SUBPROJECT_TOOLCHAIN, VERSIONS } from './versions';
import { asWorkspaceMember } from './workspace';
import { checkOnlyEslint } from './lint';
import { strictJest, TRANSPILE_ONLY_TS_JEST, typecheckTestsFirst } from './jest';
import { configureLibraryBuild, enableReleaseWorkflow, LIBRARY_RELEASE_OPTIONS } from './release';
import { addRosettaCheck } from './rosetta';

/**
 * Lambda handlers are minified: a smaller asset and a faster cold start (errors
 * are logged by message, not by stack). projen types `lambdaOptions.bundlingOptions`
 * narrowly but passes every esbuild option of `addBundle` through.
 */
const MINIFIED_LAMBDA_BUNDLE: Partial<javascript.AddBundleOptions> = { minify: true };

/** The publishable jsii construct library, `@glimpse/standard-constructs`. */
export function createLibrary(root: typescript.TypeScriptProject): awscdk.AwsCdkConstructLibrary {
  enableReleaseWorkflow(root);
  const lib = new awscdk.AwsCdkConstructLibrary({
    parent: root,
    outdir: 'packages/standard-constructs',
    name: LIBRARY_NAME,
    description: "The Glimpse organisation's standard AWS CDK building blocks: shared ECR repositories, a safe self-hosted TimescaleDB host, standard Fargate services and alarms.",
    author: 'Glimpse Platform Team',
    authorAddress: 'platform@glimpse.technology',
    authorOrganization: true,
    repositoryUrl: REPOSITORY_URL,
    repositoryDirectory: 'packages/standard-constructs',
    defaultReleaseBranch: 'main',
    license: 'Apache-2.0',
    copyrightOwner: 'Glimpse Technology',
    keywords: ['aws-cdk', 'ecr', 'ecs', 'fargate', 'timescaledb', 'alarms'],
    packageManager: javascript.NodePackageManager.NPM,
    cdkVersion: VERSIONS.awsCdkLib,
    constructsVersion: VERSIONS.constructs,
    jsiiVersion: VERSIONS.jsii,
    typescriptVersion: VERSIONS.typescript,
    publishToPypi: {
      distName: 'glimpse.standard-constructs',
      module: 'glimpse.standard_constructs',
    },
    publishToMaven: {
      javaPackage: 'technology.glimpse.standardconstructs',
      mavenGroupId: 'technology.glimpse',
      mavenArtifactId: 'standard-constructs',
    },
    publishToNuget: {
      dotNetNamespace: 'Glimpse.StandardConstructs',
      packageId: 'Glimpse.StandardConstructs',
    },
    publishToGo: {
      moduleName: 'github.com/glimpse-technology/platform-constructs-go',
    },
    lambdaOptions: {
      runtime: awscdk.LambdaRuntime.NODEJS_22_X,
      bundlingOptions: MINIFIED_LAMBDA_BUNDLE,
    },
    peerDeps: [`cdk-nag@^${VERSIONS.cdkNag}`],
    devDeps: [
      `cdk-nag@${VERSIONS.cdkNag}`,
      `@types/node@${VERSIONS.nodeTypes}`,
      ...LAMBDA_HANDLER_DEPS,
      ...ALARM_CARD_DEV_DEPS,
      // S3 stand-in for the data host's restore drill: pgBackRest's S3 client archives to it over TLS.
      's3rver@3.7.1',
      // Real IAM policy evaluation: every S3 request pgBackRest made in the restore drill against the host's role policy.
      '@cloud-copilot/iam-simulate@0.1.173',
    ],
    ...LIBRARY_RELEASE_OPTIONS,
    prettier: false,
    sampleCode: false,
    jestOptions: strictJest(),
    tsJestOptions: TRANSPILE_ONLY_TS_JEST,
    eslintOptions: checkOnlyEslint(),
  });
  typecheckTestsFirst(lib);
  lib.addTask('docs:alarm-cards', {
    description: 'Render docs/alarm-cards/*.png: the Teams cards in headless Chromium',
    exec: 'ts-node --transpile-only scripts/render-alarm-cards.ts',
  });
  addRosettaCheck(lib);
  const releaseToolchain = configureLibraryBuild(lib);
  asWorkspaceMember(lib, [...SUBPROJECT_TOOLCHAIN, ...JSII_TOOLCHAIN, ...releaseToolchain]);
  lib.gitignore.exclude('.jsii', '/assets/**/*.js');
  // Bundled Lambda code under assets/ is generated; the data host's bootstrap script there is source.
  // (git cannot re-include under an ignored directory, so ignore assets/'s entries instead.)
  lib.gitignore.removePatterns('/assets/');
  lib.gitignore.exclude('/assets/*');
  lib.gitignore.include('/assets/data-host/');
  return lib;
}
