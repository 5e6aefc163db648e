import { GlimpseCompliance, StandardTags } from '@glimpse/standard-constructs';
import { App } from 'aws-cdk-lib';
import { REGISTRY_CONFIG, REPOSITORY_URL } from './config';
import { SharedRegistryStack } from './shared-registry-stack';

/** Builds the shared registry app; tests call it with a fixed version context. */
export function buildApp(app: App = new App()): App {
  GlimpseCompliance.enable(app);
  const stack = new SharedRegistryStack(app, 'SharedRegistry', {
    env: REGISTRY_CONFIG.registry,
    description: 'Shared ECR registry: every <service>/<app> repository and its cross-account policy',
    terminationProtection: true,
    config: REGISTRY_CONFIG,
  });
  StandardTags.apply(stack, {
    environment: 'shared',
    application: 'image-registry',
    component: 'ecr',
    version: StandardTags.gitVersion(app),
    repository: REPOSITORY_URL,
  });
  return app;
}
