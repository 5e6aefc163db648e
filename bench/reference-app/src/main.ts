/**
 * The bench's yardstick: the Tracker deployment (apps/tracker) written by
 * hand with plain aws-cdk-lib — L2 constructs where they exist, L1 where they
 * do not, no library constructs, no compliance packs. ReferenceStaging
 * mirrors TrackerStaging (its own data host) and ReferenceProduction mirrors
 * TrackerProduction (the peered data tier, VPC endpoints): the same number of
 * resources of each CloudFormation type, the same tags, alarms, dashboard,
 * task definitions and managed-policy IAM.
 *
 * `npm run bench` compares the Tracker's `cdk synth`/`cdk diff` against this
 * app's, run the same way through the same CLI, and prints every resource
 * type whose count differs (scripts/bench/reference-parity.ts): when the
 * Tracker changes what it deploys, change this app with it.
 */
import { execFileSync } from 'node:child_process';
import { App, Tags } from 'aws-cdk-lib';
import { COST_CENTRE, PRODUCTION, PROJECT, REGION, REPOSITORY_URL, STAGING } from './config';
import { ReferenceStack } from './stack';

const app = new App();
// The Version tag: the commit that deployed the resources.
const version = process.env.GIT_SHA ?? execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

for (const config of [STAGING, PRODUCTION]) {
  const stack = new ReferenceStack(app, config.stackName, {
    env: { account: config.account, region: REGION },
    description: `Reference (plain aws-cdk-lib) Tracker REST API ${config.environment}: ${config.hostname}`,
    terminationProtection: true,
    config,
  });
  // The organisation's tags, on every taggable resource.
  const tags: Record<string, string> = {
    Application: PROJECT,
    Component: 'tracker',
    CostCentre: COST_CENTRE,
    Environment: config.environment,
    ManagedBy: 'aws-cdk',
    Project: PROJECT,
    Repository: REPOSITORY_URL,
    Version: version,
  };
  for (const [key, value] of Object.entries(tags)) Tags.of(stack).add(key, value);
}

app.synth();
