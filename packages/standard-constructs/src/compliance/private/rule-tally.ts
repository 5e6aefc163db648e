import { CfnResource } from 'aws-cdk-lib';
import { IApplyRule, NagPack, NagRuleCompliance, NagRuleResult } from 'cdk-nag';

/** What one pack found over one construct tree: the counts behind `npm run compliance`. */
export interface PackSummary {
  readonly pack: string;
  /** CloudFormation resources the pack looked at (CDK's own `AWS::CDK::Metadata` excluded). */
  readonly resources: number;
  /** Rule checks that applied to a resource and passed: findings its settings prevent. */
  readonly passed: number;
  /** Rule checks that failed, one per finding id, acknowledged or not. */
  readonly failed: number;
  /** Passed checks per rule id. */
  readonly passedByRule: Record<string, number>;
}

/** What `tallyRules` returns: the check's result, the counts, and each rule's explanation by rule id. */
export interface RuleTally<T> {
  readonly result: T;
  readonly summary: PackSummary;
  readonly explanations: Record<string, string>;
}

/** The part of a pack the tally wraps: cdk-nag calls it once per rule and resource. */
interface RuleApplier {
  applyRule(params: IApplyRule): void;
}

/**
 * Runs `check` with every rule of `pack` observed, and counts the results.
 * cdk-nag reports only violations; the passed checks are what the library's
 * secure defaults are worth, so the report shows them too.
 */
export function tallyRules<T>(pack: NagPack, check: () => T): RuleTally<T> {
  const resources = new Set<CfnResource>();
  // cdk-nag puts a rule's explanation (what to change) in a finding only when verbose.
  const explanations: Record<string, string> = {};
  const passedByRule: Record<string, number> = {};
  let failed = 0;
  const record = (ruleId: string, node: CfnResource, result: NagRuleResult) => {
    resources.add(node);
    const findings = Array.isArray(result) ? result.length : result === NagRuleCompliance.NON_COMPLIANT ? 1 : 0;
    if (findings > 0) {
      failed += findings;
    } else if (result !== NagRuleCompliance.NOT_APPLICABLE) {
      passedByRule[ruleId] = (passedByRule[ruleId] ?? 0) + 1;
    }
  };

  const applier = pack as unknown as RuleApplier;
  const applyRule = applier.applyRule;
  // cdk-nag calls applyRule once per rule and resource (about 10^5 times for a
  // 200-resource stack and four packs): wrap each rule once, and hand cdk-nag
  // back its own fresh params object rather than a copy.
  const observed = new Map<string, Map<IApplyRule['rule'], IApplyRule['rule']>>();
  applier.applyRule = (params: IApplyRule) => {
    // cdk-nag names a rule after its function unless overridden: keep that name on the wrapper.
    const suffix = params.ruleSuffixOverride ?? params.rule.name;
    const bySuffix = observed.get(suffix) ?? observed.set(suffix, new Map()).get(suffix)!;
    let rule = bySuffix.get(params.rule);
    if (!rule) {
      const original = params.rule;
      const ruleId = `${pack.readPackName}-${suffix}`;
      explanations[ruleId] = params.explanation;
      rule = (node: CfnResource) => {
        try {
          const result = original(node);
          record(ruleId, node, result);
          return result;
        } catch (e) {
          record(ruleId, node, NagRuleCompliance.NON_COMPLIANT);
          throw e;
        }
      };
      bySuffix.set(original, rule);
    }
    (params as { ruleSuffixOverride?: string }).ruleSuffixOverride = suffix;
    (params as { rule: IApplyRule['rule'] }).rule = rule;
    applyRule.call(pack, params);
  };
  try {
    const result = check();
    const passed = Object.values(passedByRule).reduce((sum, n) => sum + n, 0);
    const checked = [...resources].filter((r) => r.cfnResourceType !== 'AWS::CDK::Metadata').length;
    return { result, summary: { pack: pack.readPackName, resources: checked, passed, failed, passedByRule }, explanations };
  } finally {
    delete (applier as Partial<RuleApplier>).applyRule;
  }
}
