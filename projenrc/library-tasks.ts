import { awscdk, Component, Task, typescript } from 'projen';
import { transpileCommand } from './transpile';
import { relativeOutdir } from './workspace';

/** A step that runs a projen task inside a workspace member. */
export function inMember(root: typescript.TypeScriptProject, member: typescript.TypeScriptProject, task: string) {
  return { exec: `npx projen ${task}`, cwd: relativeOutdir(root, member), name: `${member.package.packageName}: ${task}` };
}

/**
 * Root tasks that produce the library's `lib/` for the apps and integ tests:
 * - `compile:library`: bundle the Lambda handlers, then compile with jsii
 *   (type-checked; what integ verification and releases use);
 * - `transpile:library`: bundle the Lambda handlers, then transpile `src/`
 *   with esbuild (no type-check): the same JavaScript in about a second, for
 *   the offline `synth`.
 */
export class LibraryTasks extends Component {
  public readonly compile: Task;
  public readonly transpile: Task;

  constructor(root: typescript.TypeScriptProject, library: awscdk.AwsCdkConstructLibrary) {
    super(root);
    const bundle = inMember(root, library, 'pre-compile');
    this.compile = root.addTask('compile:library', {
      description: 'Bundle the Lambda handlers and compile the library with jsii',
      steps: [bundle, inMember(root, library, 'compile')],
    });
    const transpile = library.addTask('transpile', {
      description: 'Transpile src/ to lib/ with esbuild (no type-check, no .jsii): what the apps need to synthesize',
      exec: transpileCommand('src', 'lib'),
    });
    this.transpile = root.addTask('transpile:library', {
      description: 'Bundle the Lambda handlers and transpile the library (no type-check)',
      steps: [bundle, inMember(root, library, transpile.name)],
    });
  }
}

/** Root `synth`: every environment into apps/<app>/cdk.out, offline, from a transpiled library. */
export class SynthTask extends Component {
  public readonly synth: Task;

  constructor(root: typescript.TypeScriptProject, deps: { transpileLibrary: Task; apps: awscdk.AwsCdkTypeScriptApp[] }) {
    super(root);
    this.synth = root.addTask('synth', {
      description: 'Synthesize every environment into apps/<app>/cdk.out (offline, no AWS credentials)',
      steps: [
        { spawn: deps.transpileLibrary.name },
        // Through the CLI, as a deploy would: cdk.json's build step transpiles the app.
        ...deps.apps.map((app) => inMember(root, app, 'synth:silent')),
      ],
    });
  }
}
