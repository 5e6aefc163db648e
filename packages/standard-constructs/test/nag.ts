import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';

/** One unacknowledged cdk-nag finding, as `<rule> <construct path>`. */
export type NagFinding = string;

interface ValidationReport {
  readonly pluginReports: Array<{
    readonly violations: Array<{
      readonly ruleName: string;
      readonly violatingConstructs: Array<{ readonly constructPath: string }>;
    }>;
  }>;
}

/**
 * Builds a stack with `build`, synthesizes it under the AwsSolutions, HIPAA
 * Security and NIST 800-53 rev 5 packs (cdk-nag v3 policy validation) and
 * returns every unacknowledged finding, errors and warnings alike. A clean
 * construct returns `[]`.
 */
export function nagFindings(build: (stack: Stack) => void): NagFinding[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
  const app = new App({ outdir });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app), new NIST80053R5Checks(app));
  build(new Stack(app, 'NagStack', { env: { account: '111111111111', region: 'eu-west-2' } }));
  const reportFile = path.join(outdir, 'validation-report.json');
  try {
    app.synth();
  } catch (e) {
    // Findings make synth throw after writing the report; anything else is a real error.
    if (!fs.existsSync(reportFile)) throw e;
  }
  if (!fs.existsSync(reportFile)) return [];
  const report: ValidationReport = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  fs.rmSync(outdir, { recursive: true, force: true });
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} ${c.constructPath}`)),
  );
}
