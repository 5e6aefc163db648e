import { awscdk, typescript } from 'projen';
import { relativeOutdir } from './workspace';

/**
 * Root `bench`: compiles the library and every app, then times each app's
 * synth against an app with one empty stack run the same way, and counts
 * resources per stack against CloudFormation's limit (scripts/bench.ts).
 */
export function addBenchTask(root: typescript.TypeScriptProject, compileLibrary: string, apps: awscdk.AwsCdkTypeScriptApp[]): void {
  root.addTask('bench', {
    description: 'Time synth of every app against an empty app and count resources per stack against the 500 limit',
    steps: [
      { spawn: compileLibrary },
      ...apps.map((app) => ({ exec: 'npx tsc', cwd: relativeOutdir(root, app), name: `${app.package.packageName}: tsc` })),
      { exec: `ts-node --transpile-only scripts/bench.ts ${apps.map((app) => relativeOutdir(root, app)).join(' ')}`, receiveArgs: true },
    ],
  });
}
