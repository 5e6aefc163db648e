import { Task, typescript } from 'projen';

/**
 * The policy evaluator of the flows suite. AGPL-3.0-or-later: a root
 * devDependency used by tests only, never a dependency of a published package.
 */
export const IAM_SIMULATE = '@cloud-copilot/iam-simulate@0.1.173';

/**
 * `test:flows`: proves the runtime paths (who may call what, and which
 * security groups reach which ports) from the synthesized app templates and
 * the committed integ snapshots, with a real IAM policy evaluator.
 * `after` are the tasks that must run first (the ones that write
 * `apps/<app>/cdk.out`); returns the task, for the root `test` to spawn.
 */
export function addFlowsTask(root: typescript.TypeScriptProject, after: Task[]): Task {
  root.addDevDeps(IAM_SIMULATE);
  const typecheck = root.addTask('test:flows:typecheck', {
    description: 'Type-check the flows suite',
    exec: 'tsc --noEmit -p test/tsconfig.json',
  });
  return root.addTask('test:flows', {
    description: 'Evaluate every IAM and network flow of apps/*/cdk.out and integ/*.snapshot (run synth first)',
    steps: [
      ...after.map((task) => ({ spawn: task.name })),
      { spawn: typecheck.name },
      { exec: 'node -r ts-node/register/transpile-only --test test/flows/run-all.ts' },
    ],
  });
}
