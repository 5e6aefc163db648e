import { GlimpseCompliance, StandardTags } from '@glimpse/standard-constructs';
import { App } from 'aws-cdk-lib';
import { AssetBucketStack } from './asset-bucket-stack';
import { PLATFORM_ALARMS_CONFIG, PlatformAlarmsConfig, REPOSITORY_URL } from './config';
import { PlatformAlarmsStack } from './platform-alarms-stack';

/** Builds the platform-alarms app; tests call it with a fixed version context. */
export function buildApp(app: App = new App(), config: PlatformAlarmsConfig = PLATFORM_ALARMS_CONFIG): App {
  GlimpseCompliance.enable(app);
  const assetStacks = config.regions.map((region) => new AssetBucketStack(app, `PlatformAlarmsAssets-${region}`, {
    env: { account: config.admin.account, region },
    description: `Forwarder code for the platform-alarms StackSet instances in ${region}`,
    bucketName: `${config.assetBucketPrefix}-${region}`,
    organizationId: config.organizationId,
  }));
  const main = new PlatformAlarmsStack(app, 'PlatformAlarms', {
    env: config.admin,
    description: 'Teams alarm forwarder StackSet (service-managed) and its webhook secret',
    terminationProtection: true,
    config,
  });
  for (const assets of assetStacks) main.addDependency(assets, 'the StackSet copies the forwarder code into each region\'s bucket');
  for (const stack of [main, ...assetStacks]) {
    StandardTags.apply(stack, {
      environment: 'shared',
      application: 'platform-alarms',
      component: 'alarm-forwarder',
      version: StandardTags.gitVersion(app),
      repository: REPOSITORY_URL,
    });
  }
  return app;
}
