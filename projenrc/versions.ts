/**
 * One place for every toolchain version, so that every package in the
 * workspace resolves the same single copy (two copies of aws-cdk-lib break
 * `instanceof` checks across packages).
 */
export const VERSIONS = {
  /**
   * 2.257.0 is the newest release writing cloud assembly schema 53, the
   * highest integ-runner 2.197 reads (2.258+ write 54/55 and the runner
   * refuses them). cdk-nag 3 needs at least 2.257.0.
   */
  awsCdkLib: '2.257.0',
  constructs: '10.8.1',
  /**
   * The aws-cdk CLI, pinned: `npm view aws-cdk dist-tags` gave `latest: 2.1148.1` when this was set.
   * The CLI's version line is independent of aws-cdk-lib's; check the tag before moving.
   */
  awsCdkCli: '2.1148.1',
  integTestsAlpha: '2.245.0-alpha.0',
  integRunner: '2.197.10',
  cdkNag: '3.0.2',
  cdkStacksets: '0.0.153',
  jsii: '~6.0.16',
  jsiiRosetta: '~6.0.17',
  typescript: '~5.9.3',
  nodeTypes: '^20',
  /** The YAML parser projen already brings; apps/pipeline-oidc tests read the deploy workflows with it. */
  yaml: '2.9.1',
} as const;

/**
 * The root's own tools: ts-node runs the repository's scripts and integ apps
 * (transpile-only); concurrently runs the two lanes of `npm test` side by side.
 */
export const ROOT_TOOLCHAIN = ['ts-node@^10.9.2', 'concurrently@9.2.5'];

/** Where the code lives, for the `Repository` tag and package metadata. */
export const REPOSITORY_URL = 'https://github.com/glimpse-technology/platform-constructs.git';

export const LIBRARY_NAME = '@glimpse/standard-constructs';

/** The version the library has inside the workspace (releases bump it at publish time only). */
export const LIBRARY_WORKSPACE_VERSION = '0.0.0';

/**
 * Tools projen adds to every subproject as `*`: it resolves `*` from the
 * subproject's own install, which workspace members do not run, and silently
 * drops what it cannot resolve. Explicit ranges keep them.
 */
export const SUBPROJECT_TOOLCHAIN = [
  'jest@^29.7.0',
  'ts-jest@^29.4.15',
  '@types/jest@^29.5.14',
  'esbuild@^0.28.2',
  'eslint-import-resolver-typescript@^4.4.5',
  'eslint-plugin-import@^2.32.0',
];

/** The same, for the jsii library only. */
export const JSII_TOOLCHAIN = ['jsii-diff@^1.134.0', 'jsii-pacmak@^1.140.0'];

/**
 * Bundled into the library's Lambda handlers by esbuild (the AWS SDK v3 is
 * left external: the Node.js 22 runtime provides it). Every Powertools
 * package on one version: each pins its `commons` exactly, so mixed versions
 * bundle two copies of it.
 */
export const LAMBDA_HANDLER_DEPS = [
  '@aws-lambda-powertools/logger@2.35.0',
  '@aws-lambda-powertools/metrics@2.35.0',
  '@aws-lambda-powertools/parameters@2.35.0',
  '@aws-sdk/client-secrets-manager@3.1163.0',
  '@types/aws-lambda@8.10.164',
];

/**
 * Test and doc tools for the Teams forwarder's cards: the Adaptive Cards SDK
 * parses every card in the tests and renders the PNGs of docs/alarm-cards.md.
 */
export const ALARM_CARD_DEV_DEPS = ['adaptivecards@3.0.6'];
