import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleResult } from 'cdk-nag';

/**
 * One organisation standard, checked against every CfnResource. Its `id`
 * becomes the rule id `Glimpse-<id>` that findings and acknowledgements use.
 */
export interface GlimpseRule {
  /** Rule id suffix, e.g. `RequiredTags` (the id is `Glimpse-RequiredTags`). */
  readonly id: string;
  /** What was found, shown with each finding. */
  readonly info: string;
  /** Why the standard exists and how to comply (shown when verbose). */
  readonly explanation: string;
  readonly level: NagMessageLevel;
  /** NOT_APPLICABLE / COMPLIANT / NON_COMPLIANT, or findings `Glimpse-<id>[finding]`. */
  readonly check: (node: CfnResource) => NagRuleResult;
}
