import { GlimpseCompliance } from '@glimpse/standard-constructs';
import { synthEnvironments } from './synth';
import { PRODUCTION, STAGING } from '../src/config';

// synthEnvironments() has synthesized the app (Template.fromStack), so the packs see the final tree.
const { app, staging, production } = synthEnvironments();

describe('Tracker compliance', () => {
  test('the app registers the four packs, so a finding fails `cdk synth`', () => {
    expect(app.policyValidationBeta1.map((plugin) => plugin.name)).toEqual(GlimpseCompliance.PACK_NAMES);
  });

  test.each([
    [STAGING.stackName, staging],
    [PRODUCTION.stackName, production],
  ])('%s passes AwsSolutions, HIPAA, NIST 800-53 rev 5 and the Glimpse pack', (_name, stack) => {
    const findings = GlimpseCompliance.packs(app).flatMap((pack) => pack.validateScope(stack).violations);
    expect(findings).toEqual([]);
  });
});
