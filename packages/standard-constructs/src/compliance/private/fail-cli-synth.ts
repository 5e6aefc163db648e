import { PolicyViolation, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The context key with which the aws-cdk CLI (`cdk synth`, `diff`, `deploy`)
 * tells aws-cdk-lib not to print a failed policy validation nor fail the app:
 * the CLI passes `false`, so without this module findings would only land in
 * `policy-validation-report.json` and the CLI would exit 0.
 */
const FAIL_SYNTH_ON_VALIDATION_ERRORS = '@aws-cdk/core:failSynthOnValidationErrors';

/** The rule id of a finding: `Glimpse-ContainerEnvironmentNoSecrets[api:TOKEN]` → `Glimpse-ContainerEnvironmentNoSecrets`. */
function ruleIdOf(ruleName: string): string {
  const bracket = ruleName.indexOf('[');
  return bracket < 0 ? ruleName : ruleName.slice(0, bracket);
}

/** Each violation with the rule's explanation as its `fix`, which CDK's report prints as the recommendation. */
export function withFixes(report: PolicyValidationPluginReport, explanations: Record<string, string>): PolicyValidationPluginReport {
  const violations: PolicyViolation[] = report.violations.map((v) => {
    const explanation = explanations[ruleIdOf(v.ruleName)];
    return explanation && !v.fix ? { ...v, fix: explanation } : v;
  });
  return { ...report, violations };
}

/** Whether aws-cdk-lib was told, by the CLI, not to fail on policy validation findings. */
export function validationFailuresMuted(scope: IConstruct): boolean {
  return scope.node.tryGetContext(FAIL_SYNTH_ON_VALIDATION_ERRORS) === false;
}

/** The findings as the CLI user reads them: rule, construct path, what is wrong and how to fix it. */
export function formatFindings(pack: string, report: PolicyValidationPluginReport): string {
  const lines = [`GlimpseCompliance: ${pack} has findings; the synthesis fails.`];
  for (const v of report.violations) {
    for (const resource of v.violatingResources) {
      lines.push(`  [${v.severity}] ${v.ruleName} at ${resource.constructPath}`);
      lines.push(`    ${v.description}`);
      if (v.fix) lines.push(`    Fix: ${v.fix}`);
    }
  }
  lines.push('  Or, for a deliberate exception, acknowledge it on that construct with a reason: '
    + "GlimpseCompliance.acknowledge(construct, ['<rule id>'], '<reason>').");
  return lines.join('\n');
}

/**
 * Under the CLI, prints a failed report and makes the app process exit
 * non-zero, which fails `cdk synth`, `cdk diff` and `cdk deploy`. Outside the
 * CLI aws-cdk-lib does both itself, so nothing is done twice.
 */
export function failCliSynth(scope: IConstruct, pack: string, report: PolicyValidationPluginReport): void {
  if (report.success || !validationFailuresMuted(scope)) return;
  console.error(formatFindings(pack, report));
  process.exitCode = 1;
}
