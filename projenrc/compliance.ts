import { typescript } from 'projen';

const TS_NODE = 'node -r ts-node/register/transpile-only';

/**
 * Root compliance tasks (issue 8):
 * - `compliance`: synthesize every app, then write docs/compliance.md from the
 *   apps' cloud assemblies and the integ snapshots (fails on any finding or
 *   unchecked assembly);
 * - `compliance:report`: the report only, from the existing cdk.out folders;
 * - `compliance:test`: the report generator's own tests (the root `test` runs them).
 * Call after the root `synth` task exists.
 */
export function addComplianceTasks(root: typescript.TypeScriptProject): void {
  const report = root.addTask('compliance:report', {
    description: 'Write docs/compliance.md from apps/*/cdk.out and integ/*.snapshot (run synth first)',
    exec: `${TS_NODE} scripts/compliance/report.ts`,
  });
  root.addTask('compliance:test', {
    description: 'Unit tests of the compliance report generator',
    exec: `${TS_NODE} --test scripts/compliance/report.test.ts`,
  });
  root.addTask('compliance', {
    description: 'Synthesize every app, then report cdk-nag findings and acknowledgements per app and pack (docs/compliance.md)',
    steps: [{ spawn: root.tasks.tryFind('synth')!.name }, { spawn: report.name }],
  });
}
