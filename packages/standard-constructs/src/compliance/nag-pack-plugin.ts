import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';

/**
 * Runs a cdk-nag pack as a CDK policy-validation plugin over a fixed construct
 * tree. cdk-nag 3's own `validate()` needs the construct tree on the
 * validation context, which aws-cdk-lib 2.257 does not provide (the pack then
 * fails with "NagPack requires a construct tree"); this plugin hands the pack
 * the tree it was registered on instead, on any aws-cdk-lib version.
 */
export class NagPackPlugin implements IPolicyValidationPlugin {
  /** The pack's name, e.g. `AwsSolutions`: the report's source. */
  public readonly name: string;

  /**
   * @param pack the cdk-nag pack to run
   * @param scope the construct tree it checks (usually the App)
   */
  constructor(private readonly pack: NagPack, private readonly scope: IConstruct) {
    this.name = pack.name;
  }

  public validate(_context: IPolicyValidationContext): PolicyValidationPluginReport {
    return this.pack.validateScope(this.scope);
  }
}
