import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { synthWithValidation } from './synth-with-validation';
import { GlimpseCompliance, GlimpseStandardsChecks } from '../../src/compliance';
import { nagFindings } from '../nag';

interface Report {
  readonly pluginReports: Array<{
    readonly summary: { readonly pluginName: string; readonly status: string };
    readonly violations: Array<{ readonly ruleName: string; readonly violatingResources: Array<{ readonly constructPath: string }> }>;
  }>;
}

/** Synthesizes an app with compliance enabled; returns the policy validation report and the outdir. */
async function synthWithCompliance(build: (stack: Stack) => void): Promise<{ report: Report; outdir: string }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-'));
  const app = new App({ outdir });
  GlimpseCompliance.enable(app);
  build(new Stack(app, 'Bad', { env: { account: '111111111111', region: 'eu-west-2' } }));
  await synthWithValidation(app);
  // aws-cdk-lib < 2.260 names the report policy-validation-report.json.
  const file = ['validation-report.json', 'policy-validation-report.json'].map((f) => path.join(outdir, f)).find(fs.existsSync)!;
  return { report: JSON.parse(fs.readFileSync(file, 'utf8')), outdir };
}

function findings(report: Report, pack: string): string[] {
  const plugin = report.pluginReports.find((p) => p.summary.pluginName === pack);
  return (plugin?.violations ?? []).flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`));
}

/** A stack that breaks the standards: latest image, no tags, a plaintext secret, an unretained bucket. */
function badStack(stack: Stack): void {
  const task = new ecs.FargateTaskDefinition(stack, 'Task', { cpu: 256, memoryLimitMiB: 512 });
  task.addContainer('api', {
    image: ecs.ContainerImage.fromRegistry('636728427214.dkr.ecr.eu-west-2.amazonaws.com/tracker/api:latest'),
    environment: { DB_PASSWORD: 'hunter2' },
  });
  new s3.Bucket(stack, 'Uploads', { removalPolicy: RemovalPolicy.DESTROY });
}

describe('GlimpseCompliance.enable', () => {
  test('registers the AWS Solutions, HIPAA Security, NIST 800-53 R5 and Glimpse packs', () => {
    const plugins = GlimpseCompliance.enable(new App());
    expect(plugins.map((p) => p.name)).toEqual(['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5', 'Glimpse']);
    expect(GlimpseCompliance.PACK_NAMES).toEqual(plugins.map((p) => p.name));
  });

  test('a deliberately bad stack is caught at synth by the Glimpse pack', async () => {
    const { report } = await synthWithCompliance(badStack);
    const glimpse = findings(report, 'Glimpse');
    expect(glimpse).toEqual(expect.arrayContaining([
      'Glimpse-ContainerImagePinned[api] Bad/Task/Resource',
      'Glimpse-ContainerEnvironmentNoSecrets[api:DB_PASSWORD] Bad/Task/Resource',
      'Glimpse-StatefulResourceRetained Bad/Uploads/Resource',
      'Glimpse-RequiredTags[Environment] Bad/Uploads/Resource',
      'Glimpse-RequiredTags[Repository] Bad/Task/Resource',
    ]));
    // The AWS packs run alongside (e.g. AwsSolutions-S1: no access logs).
    expect(findings(report, 'AwsSolutions')).toContain('AwsSolutions-S1 Bad/Uploads/Resource');
    expect(findings(report, 'HIPAA.Security').length).toBeGreaterThan(0);
    expect(findings(report, 'NIST.800.53.R5').length).toBeGreaterThan(0);
  });

  test('an acknowledgement on the resource removes exactly that finding and is recorded in the assembly', async () => {
    const reason = 'Scratch bucket for a demo; deleting it with the stack is intended.';
    const { report, outdir } = await synthWithCompliance((stack) => {
      const bucket = new s3.Bucket(stack, 'Uploads', { removalPolicy: RemovalPolicy.DESTROY });
      Validations.of(bucket).acknowledge({ id: 'Glimpse-StatefulResourceRetained', reason });
      Validations.of(bucket).acknowledge({ id: 'Glimpse-RequiredTags[Version]', reason: 'Demo bucket has no release.' });
    });
    const glimpse = findings(report, 'Glimpse');
    expect(glimpse.filter((f) => f.includes('StatefulResourceRetained'))).toEqual([]);
    expect(glimpse.filter((f) => f.startsWith('Glimpse-RequiredTags'))).toEqual([
      'Glimpse-RequiredTags[Environment] Bad/Uploads/Resource',
      'Glimpse-RequiredTags[Application] Bad/Uploads/Resource',
      'Glimpse-RequiredTags[Component] Bad/Uploads/Resource',
      'Glimpse-RequiredTags[Repository] Bad/Uploads/Resource',
    ]);
    const metadata = JSON.parse(fs.readFileSync(path.join(outdir, 'Bad.metadata.json'), 'utf8'));
    expect(metadata['/Bad/Uploads']).toContainEqual({
      type: 'aws:cdk:acknowledged-rules',
      data: { 'annotation::Glimpse-StatefulResourceRetained': reason, 'annotation::Glimpse-RequiredTags[Version]': 'Demo bucket has no release.' },
    });
  });

  test('a clean app reports success for every pack', async () => {
    const { report } = await synthWithCompliance(() => undefined);
    expect(report.pluginReports.filter((p) => p.summary.status !== 'success')).toEqual([]);
  });
});

describe('GlimpseStandardsChecks', () => {
  test('has one rule id per standard, all prefixed Glimpse-', () => {
    expect(GlimpseStandardsChecks.RULE_IDS).toHaveLength(15);
    expect(GlimpseStandardsChecks.RULE_IDS.every((id) => /^Glimpse-[A-Z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(GlimpseStandardsChecks.RULE_IDS).size).toBe(15);
  });
});

describe('GlimpseCompliance.acknowledge', () => {
  test('acknowledges ids that Validations.acknowledge rejects, on that resource only', () => {
    const iam4 = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';
    const findingsFor = (acknowledge: boolean) => nagFindings((stack) => {
      const role = new iam.Role(stack, 'Role', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
      });
      new iam.Role(stack, 'Other', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
      });
      if (acknowledge) GlimpseCompliance.acknowledge(role.node.defaultChild!, [iam4], 'Lambda basic execution is the logging policy AWS maintains.');
    }).filter((f) => f.startsWith('AwsSolutions-IAM4'));

    expect(() => Validations.of(new Stack()).acknowledge({ id: iam4, reason: 'x' })).toThrow();
    expect(findingsFor(false)).toEqual([`${iam4} NagStack/Role/Resource`, `${iam4} NagStack/Other/Resource`]);
    expect(findingsFor(true)).toEqual([`${iam4} NagStack/Other/Resource`]);
  });
});
