/**
 * Tests for the compliance report (node:test, run by `npx projen compliance:test`):
 * real assemblies synthesized with `GlimpseCompliance.enable`, read back.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { GlimpseCompliance } from '../../packages/standard-constructs/src/compliance';
import { synthWithValidation } from '../../packages/standard-constructs/test/compliance/synth-with-validation';
import { readAssembly } from './assembly';
import { renderReport } from './markdown';
import { collectSections, isClean } from './report';

/** Synthesizes `build` into `<root>/apps/<name>/cdk.out`, optionally with compliance enabled. */
async function synthApp(root: string, name: string, build: (stack: Stack) => void, enable = true): Promise<string> {
  const appDir = path.join(root, 'apps', name);
  fs.mkdirSync(appDir, { recursive: true });
  fs.writeFileSync(path.join(appDir, 'package.json'), '{}');
  const app = new App({ outdir: path.join(appDir, 'cdk.out') });
  if (enable) GlimpseCompliance.enable(app);
  build(new Stack(app, 'Main', { env: { account: '111111111111', region: 'eu-west-2' } }));
  await synthWithValidation(app);
  return path.join(appDir, 'cdk.out');
}

const REASON = 'Queue of transient events: losing it with the stack is intended.';

function acknowledgedQueue(stack: Stack): void {
  const queue = new sqs.Queue(stack, 'Events', { enforceSSL: true, removalPolicy: RemovalPolicy.DESTROY });
  for (const id of ['AwsSolutions-SQS3', 'HIPAA.Security-SQSQueueEncrypted', 'Glimpse-RequiredTags[Environment]']) {
    Validations.of(queue).acknowledge({ id, reason: REASON });
  }
}

test('reads resources, findings and acknowledgements (with reasons) from a synthesized app', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  const c = readAssembly(await synthApp(root, 'demo', acknowledgedQueue));
  assert.equal(c.checked, true);
  assert.deepEqual(c.stacks, ['Main']);
  assert.equal(c.resources, 2); // the queue and its TLS-only policy
  assert.deepEqual(c.acknowledgements.filter((a) => a.pack === 'Glimpse'), [
    { pack: 'Glimpse', rule: 'Glimpse-RequiredTags[Environment]', constructPath: 'Main/Events', reason: REASON },
  ]);
  assert.equal(c.acknowledgements.length, 3);
  // The other four tags are still missing: findings, not acknowledged.
  assert.ok(c.findings.some((f) => f.pack === 'Glimpse' && f.rule === 'Glimpse-RequiredTags[Version]' && f.constructPath === 'Main/Events/Resource'));
  assert.ok(!c.findings.some((f) => f.rule === 'Glimpse-RequiredTags[Environment]'));
});

test('an app without compliance enabled is reported as not checked, and the report is not clean', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  await synthApp(root, 'unchecked', (s) => new s3.Bucket(s, 'B', { enforceSSL: true }), false);
  const sections = collectSections(root);
  assert.equal(sections[0].compliance.checked, false);
  assert.equal(isClean(sections), false);
  assert.deepEqual(sections[0].compliance.packSummaries, []);
  assert.match(renderReport(sections), /\| apps\/unchecked \| 2 \| — \| not checked \| 0 \|/);
});

test('counts, per pack, the checks that passed: the findings fixed by default', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  const c = readAssembly(await synthApp(root, 'demo', acknowledgedQueue));
  assert.deepEqual(c.packSummaries.map((p) => p.pack), ['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5', 'Glimpse']);
  const aws = c.packSummaries[0];
  assert.equal(aws.resources, 2);
  // enforceSSL: the queue policy denies plain HTTP, so SQS4 passes; SQS3 (no DLQ) is acknowledged, so failed.
  assert.equal(aws.passedByRule['AwsSolutions-SQS4'], 1);
  assert.equal(aws.passedByRule['AwsSolutions-SQS3'], undefined);
  assert.equal(aws.passed, Object.values(aws.passedByRule).reduce((a, b) => a + b, 0));
  const markdown = renderReport(collectSections(root));
  const total = c.packSummaries.reduce((n, p) => n + p.passed, 0);
  assert.ok(markdown.includes(`| apps/demo | 2 | ${total} |`));
  assert.ok(markdown.includes(`| AwsSolutions | 2 | ${aws.passed} | 0 |`));
});

test('markdown lists per app and pack the resources, findings and each acknowledgement with its reason', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  await synthApp(root, 'demo', acknowledgedQueue);
  const sections = collectSections(root);
  const markdown = renderReport(sections);
  assert.equal(isClean(sections), false);
  assert.match(markdown, /## apps\/demo/);
  assert.match(markdown, /\| Glimpse \| 2 \| \d+ \| [1-9]\d* \| 1 \|/);
  assert.ok(markdown.includes(`| Glimpse-RequiredTags[Environment] | \`Main/Events\` | ${REASON} |`));
  assert.ok(markdown.includes('| Glimpse-RequiredTags[Version] | `Main/Events/Resource` |'));
});

test('a missing cdk.out says to synthesize first', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  fs.mkdirSync(path.join(root, 'apps', 'tracker'), { recursive: true });
  fs.writeFileSync(path.join(root, 'apps', 'tracker', 'package.json'), '{}');
  assert.throws(() => collectSections(root), /run `npm run synth` first/);
});
