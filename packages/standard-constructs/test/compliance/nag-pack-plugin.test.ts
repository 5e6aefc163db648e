import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, NagMessageLevel, NagPack, NagRuleCompliance } from 'cdk-nag';
import { synthWithValidation } from './synth-with-validation';
import { NagPackPlugin } from '../../src/compliance';

/** Two buckets: one that enforces TLS (passes AwsSolutions-S10), one that does not. */
function buckets(stack: Stack): void {
  new s3.Bucket(stack, 'Secure', { enforceSSL: true });
  new s3.Bucket(stack, 'Plain');
}

function appWith(build: (stack: Stack) => void): App {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'nag-plugin-')) });
  build(new Stack(app, 'Main', { env: { account: '111111111111', region: 'eu-west-2' } }));
  return app;
}

function summaryOf(app: App, pack: string) {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, NagPackPlugin.summaryFileName(pack)), 'utf8'));
}

/** Synthesizes with the plugin registered. */
async function synthWith(app: App, pack: NagPack): Promise<void> {
  Validations.of(app).addPlugins(new NagPackPlugin(pack, app));
  await synthWithValidation(app);
}

/** A one-rule pack whose rule throws on every bucket. */
class ThrowingPack extends NagPack {
  public readonly name = 'Throwing';
  constructor() {
    super();
    this.packName = 'Throwing';
  }
  protected checkResource(node: CfnResource): void {
    this.applyRule({
      info: 'throws',
      explanation: 'throws',
      level: NagMessageLevel.ERROR,
      node,
      rule: function Explodes(resource: CfnResource) {
        if (resource.cfnResourceType === 'AWS::S3::Bucket') throw new Error('boom');
        return NagRuleCompliance.NOT_APPLICABLE;
      },
    });
  }
}

describe('NagPackPlugin', () => {
  test('writes a summary with the resources checked and the passed and failed checks per pack', async () => {
    const app = appWith(buckets);
    await synthWith(app, new AwsSolutionsChecks());
    const summary = summaryOf(app, 'AwsSolutions');
    // Two buckets and the TLS-only bucket policy; CDK's metadata resource is not counted.
    expect(summary.resources).toBe(3);
    // S10 (TLS only) passes on Secure and its policy; S2 (public access blocked) and S5 (no
    // world-open website policy) pass on both buckets.
    expect(summary.passedByRule).toEqual({ 'AwsSolutions-S2': 2, 'AwsSolutions-S5': 2, 'AwsSolutions-S10': 2 });
    expect(summary.passed).toBe(6);
    // S1 (access logs) on both buckets, S10 on Plain.
    expect(summary.failed).toBe(3);
  });

  test('acknowledged findings still count as failed checks, never as passed', async () => {
    const app = appWith((stack) => {
      const bucket = new s3.Bucket(stack, 'Plain');
      Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S10', reason: 'Test bucket.' });
    });
    await synthWith(app, new AwsSolutionsChecks());
    const summary = summaryOf(app, 'AwsSolutions');
    expect(summary.passedByRule['AwsSolutions-S10']).toBeUndefined();
    expect(summary.failed).toBe(2); // S1 and the acknowledged S10
  });

  test('reports exactly what the pack reports on its own, and leaves the pack as it was', () => {
    const app = appWith(buckets);
    app.synth();
    const pack = new AwsSolutionsChecks();
    const viaPlugin = new NagPackPlugin(pack, app).validate({ templatePaths: [] });
    const direct = new AwsSolutionsChecks().validateScope(app);
    // The same findings, each with the rule's explanation as its fix.
    expect(viaPlugin.violations.map(({ fix, ...v }) => v)).toEqual(direct.violations);
    expect(viaPlugin.success).toBe(direct.success);
    expect(viaPlugin.violations.find((v) => v.ruleName === 'AwsSolutions-S10')?.fix).toMatch(/aws:SecureTransport condition/);
    expect(viaPlugin.violations.map((v) => v.ruleName)).toContain('AwsSolutions-S10');
    expect(Object.prototype.hasOwnProperty.call(pack, 'applyRule')).toBe(false);
  });

  test('a rule that throws is a failed check and still a violation', async () => {
    const app = appWith(buckets);
    await synthWith(app, new ThrowingPack());
    const summary = summaryOf(app, 'Throwing');
    expect(summary).toMatchObject({ pack: 'Throwing', resources: 3, passed: 0, failed: 2, passedByRule: {} });
  });

  describe('under the aws-cdk CLI, which passes failSynthOnValidationErrors: false', () => {
    const cliApp = () => {
      const app = new App({
        outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'nag-plugin-')),
        context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
      });
      buckets(new Stack(app, 'Main', { env: { account: '111111111111', region: 'eu-west-2' } }));
      return app;
    };
    /** Validates once, returning what was printed and the exit code it left, and restoring both. */
    const validate = (plugin: NagPackPlugin) => {
      const { exitCode } = process;
      const print = console.error;
      const printed: string[] = [];
      console.error = (line: string) => printed.push(line);
      try {
        plugin.validate({ templatePaths: [] });
        return { printed: printed.join('\n'), exitCode: process.exitCode };
      } finally {
        console.error = print;
        process.exitCode = exitCode;
      }
    };

    test('a finding is printed with its construct path and fix, and fails the app process', () => {
      const app = cliApp();
      app.synth();
      const { printed, exitCode } = validate(new NagPackPlugin(new AwsSolutionsChecks(), app));
      expect(exitCode).toBe(1);
      expect(printed).toContain('GlimpseCompliance: AwsSolutions has findings; the synthesis fails.');
      expect(printed).toMatch(/\[error\] AwsSolutions-S10 at Main\/Plain\/Resource\n {4}The S3 Bucket or bucket policy does not require requests to use SSL\.\n {4}Fix: /);
    });

    test('failCliSynth: false only reports', () => {
      const app = cliApp();
      app.synth();
      expect(validate(new NagPackPlugin(new AwsSolutionsChecks(), app, { failCliSynth: false }))).toEqual({ printed: '', exitCode: undefined });
    });

    test('outside the CLI aws-cdk-lib prints and fails by itself, so the plugin adds nothing', () => {
      const app = appWith(buckets);
      app.synth();
      expect(validate(new NagPackPlugin(new AwsSolutionsChecks(), app))).toEqual({ printed: '', exitCode: undefined });
    });
  });
});
