import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { DEPLOY_TARGETS } from '../src/config';

/**
 * The delivery workflows and the roles of this app must agree: a workflow
 * that names another role, account or environment cannot get credentials.
 */
const WORKFLOWS = path.join(__dirname, '..', '..', '..', '.github', 'workflows');
const files = fs.readdirSync(WORKFLOWS).filter((f) => /^deploy-.*\.ya?ml$/.test(f));
const workflow = (file: string) => parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8'));
const text = (file: string) => fs.readFileSync(path.join(WORKFLOWS, file), 'utf8');
const targetOf = (account: string) => DEPLOY_TARGETS.find((t) => t.account === account);

interface DeployJob { file: string; name: string; needs?: string; app: string; stacks: string; account: string; environment: string }
type CallingJob = { uses?: string; with?: Omit<DeployJob, 'file' | 'name' | 'needs'>; needs?: string };

/** Every `uses: ./.github/workflows/deploy-app.yml` job, with its inputs. */
const deployJobs: DeployJob[] = files.filter((f) => f !== 'deploy-app.yml').flatMap((file) =>
  Object.entries(workflow(file).jobs as Record<string, CallingJob>)
    .filter(([, job]) => job.uses === './.github/workflows/deploy-app.yml')
    .map(([name, job]) => ({ file, name, needs: job.needs, ...job.with! })));

test('the deploy workflows exist', () => {
  expect(files.sort()).toEqual([
    'deploy-app.yml', 'deploy-diff.yml', 'deploy-platform-alarms.yml', 'deploy-shared-registry.yml', 'deploy-tracker.yml',
  ]);
});

test('no long-lived keys: no workflow mentions an access key; credentials come from the OIDC token', () => {
  for (const file of files) expect(text(file)).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
  for (const file of ['deploy-app.yml', 'deploy-diff.yml']) {
    const jobs = Object.values(workflow(file).jobs) as Array<{ permissions?: Record<string, string> }>;
    for (const job of jobs) expect(job.permissions ?? workflow(file).permissions).toEqual({ 'id-token': 'write', 'contents': 'read' });
  }
});

test('deploy jobs assume github-deploy as the GitHub environment that role trusts', () => {
  const job = workflow('deploy-app.yml').jobs.deploy;
  expect(job.environment).toBe('${{ inputs.environment }}');
  const credentials = job.steps.find((s: { uses?: string }) => s.uses?.startsWith('aws-actions/configure-aws-credentials'));
  expect(credentials.with['role-to-assume']).toBe('arn:aws:iam::${{ inputs.account }}:role/github-deploy');
  expect(deployJobs.length).toBeGreaterThan(0);
  for (const deploy of deployJobs) {
    expect({ job: `${deploy.file}:${deploy.name}`, environment: targetOf(deploy.account)?.githubEnvironment })
      .toEqual({ job: `${deploy.file}:${deploy.name}`, environment: deploy.environment });
  }
});

test('every account with a deploy role has a deploy job, and only main deploys', () => {
  expect(new Set(deployJobs.map((j) => j.account))).toEqual(new Set(DEPLOY_TARGETS.map((t) => t.account)));
  for (const file of files.filter((f) => !['deploy-app.yml', 'deploy-diff.yml'].includes(f))) {
    expect(workflow(file).on.push.branches).toEqual(['main']);
  }
});

test('production deploys only after staging (and behind the production environment\'s reviewers)', () => {
  const production = deployJobs.find((j) => j.environment === 'production')!;
  const staging = deployJobs.find((j) => j.environment === 'staging')!;
  expect(production.file).toBe(staging.file);
  expect(production.needs).toBe(staging.name);
});

test('shared registry and platform alarms deploy on changes to their own app paths', () => {
  expect(workflow('deploy-shared-registry.yml').on.push.paths).toContain('apps/shared-registry/**');
  expect(workflow('deploy-platform-alarms.yml').on.push.paths).toContain('apps/platform-alarms/**');
  for (const file of ['deploy-shared-registry.yml', 'deploy-platform-alarms.yml']) {
    expect(workflow(file).on.push.paths).not.toContain('apps/tracker/**');
  }
});

test('pull requests diff every app with the read-only github-diff role of each account', () => {
  const diff = workflow('deploy-diff.yml');
  expect(Object.keys(diff.on)).toEqual(['pull_request']);
  const job = diff.jobs.diff;
  const credentials = job.steps.find((s: { uses?: string }) => s.uses?.startsWith('aws-actions/configure-aws-credentials'));
  expect(credentials.with['role-to-assume']).toBe('arn:aws:iam::${{ matrix.account }}:role/github-diff');
  const matrix = job.strategy.matrix.include as Array<{ app: string; account: string }>;
  const apps = fs.readdirSync(path.join(__dirname, '..', '..'));
  expect(new Set(matrix.map((m) => m.app))).toEqual(new Set(apps));
  for (const entry of matrix) expect(targetOf(entry.account)).toBeDefined();
  expect(job.steps.map((s: { run?: string }) => s.run ?? '').join('\n')).toContain('GITHUB_STEP_SUMMARY');
});
