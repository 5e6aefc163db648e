import { GlimpseCompliance, StandardTags } from '@glimpse/standard-constructs';
import { App } from 'aws-cdk-lib';
import { DEPLOY_TARGETS, DeployTarget, REPOSITORY_URL } from './config';
import { GithubOidcStack } from './github-oidc-stack';

/** One `GithubOidc<Target>` stack per account; tests call it with a fixed version context. */
export function buildApp(app: App = new App(), targets: DeployTarget[] = DEPLOY_TARGETS): App {
  GlimpseCompliance.enable(app);
  for (const target of targets) {
    const stack = new GithubOidcStack(app, `GithubOidc${target.name}`, {
      env: { account: target.account, region: target.regions[0] },
      description: `GitHub Actions OIDC provider and deploy roles for ${target.name}`,
      terminationProtection: true,
      target,
    });
    StandardTags.apply(stack, {
      environment: target.githubEnvironment,
      application: 'delivery-pipeline',
      component: 'github-oidc',
      version: StandardTags.gitVersion(app),
      repository: REPOSITORY_URL,
    });
  }
  return app;
}
