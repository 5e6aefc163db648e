import { javascript, typescript } from 'projen';
import { createEnvironmentApp } from './projenrc/apps';
import { BenchTask } from './projenrc/bench';
import { ComplianceTasks } from './projenrc/compliance';
import { FlowsTask } from './projenrc/flows';
import { IntegTasks } from './projenrc/integ';
import { createLibrary } from './projenrc/library';
import { LogicalIdTasks } from './projenrc/logical-ids';
import { LibraryTasks, SynthTask } from './projenrc/library-tasks';
import { ReleaseTasks } from './projenrc/release';
import { ScriptChecks } from './projenrc/scripts';
import { TestPipeline } from './projenrc/tasks';
import { LIBRARY_NAME, LIBRARY_WORKSPACE_VERSION, ROOT_TOOLCHAIN, VERSIONS } from './projenrc/versions';
import { addWorkflows, WorkflowChecks } from './projenrc/workflows';
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
    ...ROOT_TOOLCHAIN,
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
root.compileTask.reset();

// Each component takes the tasks it needs and exposes the tasks it creates.
const libraryTasks = new LibraryTasks(root, library);
const { synth } = new SynthTask(root, { transpileLibrary: libraryTasks.transpile, apps });
const integ = new IntegTasks(root, { compileLibrary: libraryTasks.compile });
const compliance = new ComplianceTasks(root, { synth });
const release = new ReleaseTasks(root, library);
new BenchTask(root, { synth, apps });
const scripts = new ScriptChecks(root);
const logicalIds = new LogicalIdTasks(root);
const flows = new FlowsTask(root);
addWorkflows(root);
const workflowChecks = new WorkflowChecks(root, library);
new TestPipeline(root, {
  library,
  apps,
  compileLibrary: libraryTasks.compile,
  // integ:verify needs only the compiled library; in the library lane it evens the two lanes out.
  afterLibrary: [release.consumer, workflowChecks.ci, integ.verify],
  afterApps: [logicalIds.check, flows.flows, compliance.test, scripts.typecheck],
});

root.synth();
