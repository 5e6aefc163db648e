import { SharedEcrRepo } from '@glimpse/standard-constructs';
import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { RegistryConfig } from './config';

export interface SharedRegistryStackProps extends StackProps {
  readonly config: RegistryConfig;
}

/** Every `<service>/<app>` repository in the shared registry account. */
export class SharedRegistryStack extends Stack {
  /** The repositories, by `<service>/<app>` name. */
  public readonly repositories: Record<string, SharedEcrRepo> = {};

  constructor(scope: Construct, id: string, props: SharedRegistryStackProps) {
    super(scope, id, props);
    const { config } = props;
    for (const [service, apps] of Object.entries(config.services)) {
      for (const app of apps) {
        const repo = new SharedEcrRepo(this, `${service}-${app}`, {
          service,
          app,
          pullAccounts: config.pullAccounts,
          pushAccounts: [config.devAccount],
        });
        this.repositories[repo.repositoryName] = repo;
      }
    }
  }
}
