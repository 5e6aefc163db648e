import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { GlimpseStandardsChecks } from '../../src/compliance';

/** One finding of the Glimpse pack, as `<rule id> <construct path>`. */
export type GlimpseFinding = string;

/**
 * Builds a stack with `build`, synthesizes it (so Aspects such as tags run)
 * and returns the Glimpse pack's unacknowledged findings.
 */
export function glimpseFindings(build: (stack: Stack) => void): GlimpseFinding[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'glimpse-'));
  try {
    const app = new App({ outdir });
    build(new Stack(app, 'Test', { env: { account: '111111111111', region: 'eu-west-2' } }));
    app.synth();
    const report = new GlimpseStandardsChecks(app).validateScope(app);
    return report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The findings of one rule, e.g. `ruleFindings(f, 'RequiredTags')`. */
export function ruleFindings(findings: GlimpseFinding[], rule: string): GlimpseFinding[] {
  return findings.filter((f) => f.startsWith(`Glimpse-${rule} `) || f.startsWith(`Glimpse-${rule}[`));
}
