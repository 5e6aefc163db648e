import { awscdk, Component, Task, typescript } from 'projen';
import { inMember } from './library-tasks';

/** The root `test` runs its two lanes with at most this many processes: the CI machine has 2 cores. */
const LANES = 2;

export interface TestPipelineDeps {
  readonly library: awscdk.AwsCdkConstructLibrary;
  readonly apps: awscdk.AwsCdkTypeScriptApp[];
  /** Bundles the Lambda handlers and compiles the library with jsii: everything else needs its lib/. */
  readonly compileLibrary: Task;
  /** Run after the library is packaged (the consumer test installs the tarball). */
  readonly afterLibrary: Task[];
  /** Run after the apps are synthesized (they read apps/<app>/cdk.out or integ snapshots). */
  readonly afterApps: Task[];
}

/**
 * Root `test` (and so `build`, which ends with it): compile the library once,
 * then two lanes side by side, one per core:
 * - `test:library`: API.md, type-check, jest, eslint, the js package and the
 *   other languages' bindings, then the consumer test of that package and
 *   the checks of the CI and release set-up;
 * - `test:apps`: each app's build (type-check, synth through the CLI under the
 *   compliance packs, jest, eslint), integ snapshot verification, and the
 *   checks that read the synthesized templates.
 * A failing lane fails `test`; each lane's output is printed as one block.
 */
export class TestPipeline extends Component {
  public readonly libraryLane: Task;
  public readonly appsLane: Task;

  constructor(root: typescript.TypeScriptProject, deps: TestPipelineDeps) {
    super(root);
    this.libraryLane = root.addTask('test:library', {
      description: 'The library after its compile: API.md, type-check, jest, eslint, packages, then the consumer test',
      steps: [
        inMember(root, deps.library, 'post-compile'),
        inMember(root, deps.library, 'test'),
        inMember(root, deps.library, 'package'),
        ...deps.afterLibrary.map((task) => ({ spawn: task.name })),
      ],
    });
    this.appsLane = root.addTask('test:apps', {
      description: 'Every app build (type-check, synth, jest, eslint), then the checks of the synthesized templates',
      steps: [
        ...deps.apps.map((app) => inMember(root, app, 'build')),
        ...deps.afterApps.map((task) => ({ spawn: task.name })),
      ],
    });
    root.testTask.reset();
    root.testTask.spawn(deps.compileLibrary);
    root.testTask.exec(
      `concurrently --max-processes ${LANES} --group --timings --success all --names library,apps `
      + `"npx projen ${this.libraryLane.name}" "npx projen ${this.appsLane.name}"`,
      { name: 'library and apps lanes, side by side' },
    );
  }
}
