import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { VERSION_CONTEXT_KEY } from '@glimpse/standard-constructs';
import { synthEnvironments, VERSION } from './synth';
import { PRODUCTION, STAGING } from '../src/config';
import { ALLOW_PLACEHOLDERS_CONTEXT, findPlaceholders, placeholder } from '../src/placeholders';

describe('placeholder()', () => {
  test('finds marked strings and objects by path, and nothing else', () => {
    const config = {
      vpc: placeholder('the peer VPC id', 'vpc-0123456789abcdef0'),
      known: 'vpc-known',
      nested: { tables: placeholder('the peer route tables', ['rtb-0123456789abcdef0']), port: 5432 },
    };
    expect(findPlaceholders(config)).toEqual([
      "vpc: the peer VPC id (placeholder 'vpc-0123456789abcdef0')",
      'nested.tables: the peer route tables (placeholder ["rtb-0123456789abcdef0"])',
    ]);
  });

  test('refuses one example standing for two different values', () => {
    placeholder('the staging host', 'host.example.invalid');
    expect(() => placeholder('the production host', 'host.example.invalid')).toThrow(/already stands for 'the staging host'/);
  });

  test('both environments still hold placeholders; each is listed', () => {
    expect(findPlaceholders(STAGING)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^imageTags: /), expect.stringMatching(/^dataHost.amiId: /), expect.stringMatching(/^workers.0.command: /),
    ]));
    expect(findPlaceholders(PRODUCTION)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^existingDataStores.peerVpcId: /),
      expect.stringMatching(/^existingDataStores.peerRouteTableIds: /),
      expect.stringMatching(/^existingDataStores.postgresPasswordSecretArn: /),
    ]));
  });
});

describe('a stack with placeholders', () => {
  test('synthesizes under glimpse:allowPlaceholders=true (as offline synth and these tests do), warning about each', () => {
    const assembly = synthEnvironments().app.synth();
    const warnings = assembly.getStackArtifact(PRODUCTION.stackName).messages.filter((m) => m.level === 'warning').map((m) => String(m.entry.data));
    for (const line of findPlaceholders(PRODUCTION)) expect(warnings).toContain(`not deployable until set: ${line} [ack: glimpse:placeholder]`);
  });
});

/**
 * The real CLI, as `cdk deploy` and the pipeline run it: compiled app
 * (`lib/`, built by the app's compile step), no AWS credentials needed for synth.
 */
describe('through the cdk CLI', () => {
  const appDir = path.join(__dirname, '..');
  const run = promisify(execFile);

  async function cdkSynth(extraArgs: string[]): Promise<{ code: number; output: string }> {
    if (!fs.existsSync(path.join(appDir, 'lib', 'main.js'))) throw new Error('apps/tracker/lib/main.js is missing: run `npx projen compile` first');
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-cli-'));
    fs.copyFileSync(path.join(appDir, 'cdk.context.json'), path.join(cwd, 'cdk.context.json'));
    const cli = require.resolve('aws-cdk/bin/cdk', { paths: [appDir] });
    const args = [cli, 'synth', '-q', '--no-notices', '--app', `node ${path.join(appDir, 'lib', 'main.js')}`, '-o', path.join(cwd, 'out'),
      '-c', `${VERSION_CONTEXT_KEY}=${VERSION}`, ...extraArgs];
    try {
      const { stdout, stderr } = await run(process.execPath, args, { cwd, env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' } });
      return { code: 0, output: stdout + stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, output: err.stdout + err.stderr };
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  }

  // Both runs at once: about 20 s of wall time on two cores.
  let refused: { code: number; output: string };
  let allowed: { code: number; output: string };
  beforeAll(async () => {
    [refused, allowed] = await Promise.all([cdkSynth([]), cdkSynth(['-c', `${ALLOW_PLACEHOLDERS_CONTEXT}=true`])]);
  }, 120_000);

  test('without the flag (cdk deploy, the pipeline): fails, listing every unresolved value of each stack', () => {
    expect(refused.code).not.toBe(0);
    for (const config of [STAGING, PRODUCTION]) {
      expect(refused.output).toContain(`[${config.stackName}] ${findPlaceholders(config).length} config values are placeholders`);
      for (const line of findPlaceholders(config)) expect(refused.output).toContain(line);
    }
  });

  test(`with -c ${ALLOW_PLACEHOLDERS_CONTEXT}=true (offline synth): succeeds`, () => {
    expect(allowed.output).not.toContain('config values are placeholders');
    expect(allowed.code).toBe(0);
  });
});
