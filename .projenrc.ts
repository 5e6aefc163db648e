import { javascript, typescript } from 'projen';
import { createEnvironmentApp } from './projenrc/apps';
import { addComplianceTasks } from './projenrc/compliance';
import { addIntegTasks } from './projenrc/integ';
import { createLibrary } from './projenrc/library';
import { addReleaseTasks } from './projenrc/release';
import { addRootTasks, composeTest } from './projenrc/tasks';
import { LIBRARY_NAME, LIBRARY_WORKSPACE_VERSION, VERSIONS } from './projenrc/versions';
import { wireWorkspaces } from './projenrc/workspace';

const root = new typescript.TypeScriptProject({
  name: 'glimpse-platform',
  description: "Glimpse's AWS platform as code: the standard construct library and the environment apps that consume it.",
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  license: 'Apache-2.0',
  copyrightOwner: 'Glimpse Technology',
  typescriptVersion: VERSIONS.typescript,
  github: false,
  release: false,
  jest: false,
  eslint: false,
  prettier: false,
  sampleCode: false,
  devDeps: [
    `aws-cdk-lib@${VERSIONS.awsCdkLib}`,
    `constructs@${VERSIONS.constructs}`,
    `@aws-cdk/integ-tests-alpha@${VERSIONS.integTestsAlpha}`,
    `@aws-cdk/integ-runner@${VERSIONS.integRunner}`,
    `cdk-nag@${VERSIONS.cdkNag}`,
    `${LIBRARY_NAME}@${LIBRARY_WORKSPACE_VERSION}`,
    `@types/node@${VERSIONS.nodeTypes}`,
    'ts-node',
  ],
});

const library = createLibrary(root);
const apps = [
  createEnvironmentApp(root, {
    name: 'shared-registry',
    description: 'The shared ECR registry account: every <service>/<app> repository and its cross-account policy.',
  }),
  createEnvironmentApp(root, {
    name: 'platform-alarms',
    description: 'The Teams alarm forwarder, deployed to every workload account and region by a service-managed StackSet.',
    deps: [`cdk-stacksets@${VERSIONS.cdkStacksets}`],
  }),
  createEnvironmentApp(root, {
    name: 'tracker',
    description: 'Tracker REST API staging and production environments.',
  }),
  createEnvironmentApp(root, {
    name: 'pipeline-oidc',
    description: 'GitHub Actions OIDC provider and deploy roles, one stack per account the delivery workflows deploy to.',
    // Its tests read the deploy workflows to check they use exactly these roles and accounts.
    devDeps: [`yaml@${VERSIONS.yaml}`],
  }),
];

wireWorkspaces(root, [library, ...apps]);
const { compileLibrary } = addRootTasks(root, library, apps);
addIntegTasks(root, compileLibrary);
addComplianceTasks(root);
addReleaseTasks(root, library);
composeTest(root, library, apps);
require('./projenrc/bench').addBenchTask(root, compileLibrary, apps);

root.synth();
