import { Component, Task, typescript } from 'projen';
import { TS_NODE } from './scripts';

/**
 * The policy evaluator of the flows suite. AGPL-3.0-or-later: a root
 * devDependency used by tests only, never a dependency of a published package.
 */
export const IAM_SIMULATE = '@cloud-copilot/iam-simulate@0.1.173';

/**
 * `test:flows`: proves the runtime paths (who may call what, and which
 * security groups reach which ports) from the synthesized app templates and
 * the committed integ snapshots, with a real IAM policy evaluator. It reads
 * `apps/<app>/cdk.out`: run it after the apps are synthesized.
 */
export class FlowsTask extends Component {
  public readonly flows: Task;

  constructor(root: typescript.TypeScriptProject) {
    super(root);
    root.addDevDeps(IAM_SIMULATE);
    const typecheck = root.addTask('test:flows:typecheck', {
      description: 'Type-check the flows suite',
      exec: 'tsc --noEmit -p test/tsconfig.json',
    });
    this.flows = root.addTask('test:flows', {
      description: 'Evaluate every IAM and network flow of apps/*/cdk.out and integ/*.snapshot (run synth first)',
      steps: [
        { spawn: typecheck.name },
        // Dots, then each failure in full (principal, action, resource, why): 1,000+ flows would bury it.
        { exec: `${TS_NODE} --test-reporter=dot test/flows/run-all.ts` },
      ],
    });
  }
}
