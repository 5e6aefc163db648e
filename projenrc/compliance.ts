import { Component, Task, typescript } from 'projen';
import { TS_NODE } from './scripts';

/**
 * Root compliance tasks:
 * - `compliance`: synthesize every app, then write docs/compliance.md from the
 *   apps' cloud assemblies and the integ snapshots (fails on any finding or
 *   unchecked assembly);
 * - `compliance:report`: the report only, from the existing cdk.out folders;
 * - `compliance:test`: the report generator's own tests.
 */
export class ComplianceTasks extends Component {
  public readonly report: Task;
  public readonly test: Task;

  constructor(root: typescript.TypeScriptProject, deps: { synth: Task }) {
    super(root);
    this.report = root.addTask('compliance:report', {
      description: 'Write docs/compliance.md from apps/*/cdk.out and integ/*.snapshot (run synth first)',
      exec: `${TS_NODE} scripts/compliance/report.ts`,
    });
    this.test = root.addTask('compliance:test', {
      description: 'Unit tests of the compliance report generator',
      exec: `${TS_NODE} --test scripts/compliance/report.test.ts`,
    });
    root.addTask('compliance', {
      description: 'Synthesize every app, then report cdk-nag findings and acknowledgements per app and pack (docs/compliance.md)',
      steps: [{ spawn: deps.synth.name }, { spawn: this.report.name }],
    });
  }
}
