import { awscdk, Component, JsonFile, Task, typescript } from 'projen';
import { TS_NODE } from './scripts';
import { cdkBuildCommand } from './transpile';
import { relativeOutdir } from './workspace';

/**
 * Root `bench` (scripts/bench.ts): the CLI's synth and diff of every app
 * against a plain aws-cdk-lib app of the same size (bench/reference-app), the
 * compliance packs' share, `npm run synth` from a clean tree, the jest inner
 * loop, resources per stack; `-- --fresh` adds a fresh clone's npm ci, synth
 * and test. Every figure is a median of several runs (`-- --runs N`).
 */
export class BenchTask extends Component {
  public readonly bench: Task;

  constructor(root: typescript.TypeScriptProject, deps: { synth: Task; apps: awscdk.AwsCdkTypeScriptApp[] }) {
    super(root);
    this.bench = root.addTask('bench', {
      description: 'Median synth/diff/test figures against a plain aws-cdk-lib reference app (npm run bench -- --runs N --fresh)',
      steps: [
        { spawn: deps.synth.name },
        { exec: `${TS_NODE} scripts/bench.ts ${deps.apps.map((app) => relativeOutdir(root, app)).join(' ')}`, receiveArgs: true },
      ],
    });
    // The reference app is built and run exactly as the apps are (projenrc/apps.ts).
    new JsonFile(root, 'bench/reference-app/cdk.json', {
      obj: {
        app: 'node lib/main.js',
        build: cdkBuildCommand('../..'),
        output: 'cdk.out',
        notices: false,
        context: { 'cli-telemetry': false },
      },
    });
    root.gitignore.exclude('/bench/reference-app/lib/', '/bench/reference-app/cdk.out/');
  }
}
