import { App, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, NagPack } from 'cdk-nag';

/** One unacknowledged cdk-nag finding, as `<rule> <construct path>`. */
export type NagFinding = string;

/**
 * Builds a stack with `build`, synthesizes it (so Aspects such as tags have
 * run), then checks the whole tree with the AwsSolutions, HIPAA Security and
 * NIST 800-53 rev 5 packs and returns every unacknowledged finding, errors
 * and warnings alike. A clean construct returns `[]`.
 *
 * The packs are invoked through `validateScope`: aws-cdk-lib 2.257 does not
 * hand plugins the construct tree, so registering them as policy-validation
 * plugins would make them throw instead of checking anything.
 */
export function nagFindings(build: (stack: Stack) => void): NagFinding[] {
  const app = new App();
  build(new Stack(app, 'NagStack', { env: { account: '111111111111', region: 'eu-west-2' } }));
  app.synth();
  const packs: NagPack[] = [new AwsSolutionsChecks(), new HIPAASecurityChecks(), new NIST80053R5Checks()];
  return packs.flatMap((pack) =>
    pack.validateScope(app).violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`)),
  );
}
