import { awscdk, typescript } from 'projen';
import { relativeOutdir } from './workspace';

/** A step that runs a projen task inside a workspace member. */
function inMember(root: typescript.TypeScriptProject, member: typescript.TypeScriptProject, task: string) {
  return { exec: `npx projen ${task}`, cwd: relativeOutdir(root, member), name: `${member.package.packageName}: ${task}` };
}

/**
 * The root tasks that drive the workspace in dependency order: the library
 * first (apps and integ tests consume its compiled `lib/`), then the apps,
 * then integ snapshot verification.
 */
export function addRootTasks(
  root: typescript.TypeScriptProject,
  library: awscdk.AwsCdkConstructLibrary,
  apps: awscdk.AwsCdkTypeScriptApp[],
): { compileLibrary: string } {
  const compileLibrary = root.addTask('compile:library', {
    description: 'Bundle the Lambda handlers and compile the library with jsii',
    steps: [inMember(root, library, 'pre-compile'), inMember(root, library, 'compile')],
  });

  root.addTask('synth', {
    description: 'Synthesize every environment into apps/<app>/cdk.out (offline, no AWS credentials)',
    steps: [
      { spawn: compileLibrary.name },
      // cdk.json's build step compiles each app before it synthesizes.
      ...apps.map((app) => inMember(root, app, 'synth:silent')),
    ],
  });

  root.compileTask.reset();
  return { compileLibrary: compileLibrary.name };
}

/**
 * Root `test` (and so `build`, which ends with it): the library build (bundle,
 * jsii, unit tests, packaging), each app build (compile, synth under the
 * compliance packs, app tests), integ snapshot verification and the consumer
 * test against that same library build, and the compliance report's tests.
 */
export function composeTest(
  root: typescript.TypeScriptProject,
  library: awscdk.AwsCdkConstructLibrary,
  apps: awscdk.AwsCdkTypeScriptApp[],
): void {
  root.testTask.reset();
  for (const member of [library, ...apps]) {
    const step = inMember(root, member, 'build');
    root.testTask.exec(step.exec, step);
  }
  root.testTask.spawn(root.tasks.tryFind('integ:verify')!);
  root.testTask.spawn(root.tasks.tryFind('test:consumer')!);
  root.testTask.spawn(root.tasks.tryFind('compliance:test')!);
  root.testTask.spawn(root.tasks.tryFind('test:ci')!);
}
