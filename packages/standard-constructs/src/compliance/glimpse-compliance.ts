import { IPolicyValidationPlugin, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { GlimpseStandardsChecks } from './glimpse-standards-checks';
import { NagPackPlugin } from './nag-pack-plugin';
import { acknowledge, hipaaAndNist } from '../internal/acknowledge';

/** Options for `GlimpseCompliance.enable`. */
export interface GlimpseComplianceOptions {
  /**
   * Include each rule's explanation in finding descriptions.
   * @default false
   */
  readonly verbose?: boolean;

  /**
   * Also copy acknowledgements into each resource's CloudFormation Metadata
   * (`cdk_nag.rules_to_suppress`), for tools that read templates. The cloud
   * assembly records them either way (`aws:cdk:acknowledged-rules` in each
   * stack's metadata), which is what `npm run compliance` reads.
   * @default false
   */
  readonly writeSuppressionsToCloudFormation?: boolean;

  /**
   * Make `cdk synth`, `cdk diff` and `cdk deploy` exit non-zero on a finding,
   * printing each one with its construct path and fix. (The aws-cdk CLI
   * otherwise tells aws-cdk-lib not to fail on policy validation findings.)
   * Turn it off only to collect findings without failing, e.g. while
   * adopting the packs in an existing app.
   * @default true
   */
  readonly failOnFindings?: boolean;
}

/**
 * Turns on compliance checking for an app (or stage, or stack) in one line:
 * the AwsSolutions, HIPAA Security and NIST 800-53 rev 5 packs plus the
 * organisation's `GlimpseStandardsChecks`, as CDK policy-validation plugins.
 * Findings are printed at synth with their construct path and fix, written
 * to `policy-validation-report.json` in the cloud assembly, and make
 * `cdk synth`, `cdk diff` and `cdk deploy` (and `node app.js`) exit non-zero.
 *
 * @example
 * const app = new App();
 * GlimpseCompliance.enable(app);
 */
export class GlimpseCompliance {
  /** Names of the packs `enable` adds, as they appear in validation reports. */
  public static readonly PACK_NAMES: string[] = ['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5', GlimpseStandardsChecks.PACK_NAME];

  /**
   * Adds the four packs to `scope` and returns the registered plugins.
   * Call once per app, before synthesis.
   */
  public static enable(scope: IConstruct, options: GlimpseComplianceOptions = {}): IPolicyValidationPlugin[] {
    const failCliSynth = options.failOnFindings ?? true;
    const plugins = GlimpseCompliance.packs(scope, options).map((pack) => new NagPackPlugin(pack, scope, { failCliSynth }));
    Validations.of(scope).addPlugins(...plugins);
    return plugins;
  }

  /** The four packs, not registered: for running them directly with `validateScope`. */
  public static packs(scope: IConstruct, options: GlimpseComplianceOptions = {}): NagPack[] {
    const verbose = options.verbose ?? false;
    return [
      // Only one pack writes the CloudFormation metadata: it copies every acknowledgement.
      new AwsSolutionsChecks(scope, { verbose, writeSuppressionsToCloudFormation: options.writeSuppressionsToCloudFormation ?? false }),
      new HIPAASecurityChecks(scope, { verbose }),
      new NIST80053R5Checks(scope, { verbose }),
      new GlimpseStandardsChecks(scope, { verbose }),
    ];
  }

  /**
   * Acknowledges findings on one construct, with the reason a reviewer will
   * read. Unlike `Validations.of(scope).acknowledge()`, it accepts finding ids
   * with more than one `::`, such as
   * `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/…]`,
   * and records the same acknowledged-rules metadata. Use it on the narrowest
   * construct (the resource), never on a stack or app.
   */
  public static acknowledge(scope: IConstruct, ids: string[], reason: string): void {
    acknowledge(scope, ids, reason);
  }

  /**
   * A rule id as both the HIPAA Security and NIST 800-53 rev 5 packs name it,
   * e.g. `hipaaAndNist('LambdaDLQ')` gives `HIPAA.Security-LambdaDLQ` and
   * `NIST.800.53.R5-LambdaDLQ`, to acknowledge both with one reason.
   */
  public static hipaaAndNist(rule: string): string[] {
    return hipaaAndNist(rule);
  }

  private constructor() {}

}
