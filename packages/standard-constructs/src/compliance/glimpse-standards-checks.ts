import { CfnResource, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { withStackIndex } from './private/cfn';
import { GLIMPSE_RULES } from './rules';

/**
 * The Glimpse organisation's own cdk-nag pack: the platform standards and
 * the ECS partner validation checklist (ECS-001..011) as rules with
 * ids `Glimpse-<Rule>`. Findings are errors; acknowledge a deliberate
 * exception on the narrowest construct with
 * `GlimpseCompliance.acknowledge(construct, ['Glimpse-<Rule>'], reason)`.
 *
 * Enable it with the AWS packs through `GlimpseCompliance.enable(app)`.
 */
export class GlimpseStandardsChecks extends NagPack {
  /** The pack's name in validation reports. */
  public static readonly PACK_NAME = 'Glimpse';

  /** Every rule id of the pack, e.g. `Glimpse-RequiredTags`. */
  public static readonly RULE_IDS: string[] = GLIMPSE_RULES.map((r) => `${GlimpseStandardsChecks.PACK_NAME}-${r.id}`);

  public readonly name = GlimpseStandardsChecks.PACK_NAME;

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = GlimpseStandardsChecks.PACK_NAME;
  }

  /** Checks every CfnResource under `scope`, finding each stack's resources once for the rules that look across a stack. */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return withStackIndex(() => super.validateScope(scope));
  }

  protected checkResource(node: CfnResource): void {
    for (const rule of GLIMPSE_RULES) {
      this.applyRule({
        ruleSuffixOverride: rule.id,
        info: rule.info,
        explanation: rule.explanation,
        level: rule.level,
        rule: rule.check,
        node,
      });
    }
  }
}
