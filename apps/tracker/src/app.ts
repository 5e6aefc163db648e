import { GlimpseCompliance, StandardTags } from '@glimpse/standard-constructs';
import { App } from 'aws-cdk-lib';
import { ENVIRONMENTS, REPOSITORY_URL, TrackerEnvironmentConfig } from './config';
import { TrackerStack } from './tracker-stack';

/** Builds both Tracker environments; tests call it with a fixed version context. */
export function buildApp(app: App = new App(), environments: TrackerEnvironmentConfig[] = ENVIRONMENTS): App {
  // AwsSolutions, HIPAA Security, NIST 800-53 R5 and the Glimpse pack: a finding fails `cdk synth`.
  GlimpseCompliance.enable(app);
  for (const config of environments) {
    const stack = new TrackerStack(app, config.stackName, {
      stackName: config.stackName,
      env: { account: config.account, region: config.region },
      description: `Tracker REST API ${config.environmentName}: ${config.hostname}`,
      terminationProtection: true,
      config,
    });
    StandardTags.apply(stack, {
      environment: config.environmentName,
      application: config.projectName,
      component: 'tracker',
      version: StandardTags.gitVersion(app),
      repository: REPOSITORY_URL,
      // The legacy deployment's cost reports and dashboards group by Project = the project name.
      project: config.projectName,
      additionalTags: config.organisationTags,
    });
  }
  return app;
}
