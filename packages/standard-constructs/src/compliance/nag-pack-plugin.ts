import * as fs from 'fs';
import * as path from 'path';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, Stage } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { failCliSynth, withFixes } from './private/fail-cli-synth';
import { tallyRules } from './private/rule-tally';

/** Options of a `NagPackPlugin`. */
export interface NagPackPluginOptions {
  /**
   * Make `cdk synth`, `cdk diff` and `cdk deploy` fail on a finding, printing
   * each one with its construct path and fix. The aws-cdk CLI tells
   * aws-cdk-lib not to fail on policy validation findings
   * (`@aws-cdk/core:failSynthOnValidationErrors: false`), so without this the
   * CLI exits 0 and the findings are only in `policy-validation-report.json`.
   * @default true
   */
  readonly failCliSynth?: boolean;
}

/**
 * Runs a cdk-nag pack as a CDK policy-validation plugin over a fixed construct
 * tree. cdk-nag 3's own `validate()` needs the construct tree on the
 * validation context, which aws-cdk-lib 2.257 does not provide (the pack then
 * fails with "NagPack requires a construct tree"); this plugin hands the pack
 * the tree it was registered on instead, on any aws-cdk-lib version.
 *
 * Beside the validation report it writes `nag-summary.<pack>.json` into the
 * cloud assembly: the resources checked, the rule checks that passed and
 * failed (the validation report lists only unacknowledged failures), and the
 * milliseconds the pack took. CDK fails
 * synthesis if a plugin changes the assembly while validation runs, so the
 * file is written as soon as synthesis has returned (the next turn of the
 * event loop, before a `cdk synth` app process exits).
 *
 * Each finding carries the rule's explanation as its `fix`. Under the aws-cdk
 * CLI a finding makes the app exit non-zero (see `NagPackPluginOptions`).
 */
export class NagPackPlugin implements IPolicyValidationPlugin {
  /** The summary file a plugin writes into the cloud assembly for a pack. */
  public static summaryFileName(packName: string): string {
    return `nag-summary.${packName}.json`;
  }

  /** The pack's name, e.g. `AwsSolutions`: the report's source. */
  public readonly name: string;

  /**
   * @param pack the cdk-nag pack to run
   * @param scope the construct tree it checks (usually the App)
   */
  constructor(private readonly pack: NagPack, private readonly scope: IConstruct, private readonly options: NagPackPluginOptions = {}) {
    this.name = pack.name;
  }

  public validate(_context: IPolicyValidationContext): PolicyValidationPluginReport {
    const started = performance.now();
    const tally = tallyRules(this.pack, () => this.pack.validateScope(this.scope));
    // What the pack cost this synth (`npm run bench` holds the packs to a share of it).
    const summary = { ...tally.summary, elapsedMs: Math.round(performance.now() - started) };
    const result = withFixes(tally.result, tally.explanations);
    if (this.options.failCliSynth ?? true) failCliSynth(this.scope, this.name, result);
    const stage = Stage.isStage(this.scope) ? this.scope : Stage.of(this.scope);
    if (stage) {
      const file = path.join(stage.outdir, NagPackPlugin.summaryFileName(this.name));
      setImmediate(() => {
        if (fs.existsSync(stage.outdir)) fs.writeFileSync(file, `${JSON.stringify(summary, undefined, 2)}\n`);
      });
    }
    return result;
  }
}
