/**
 * Who may deploy what from GitHub Actions. One stack per AWS account the
 * delivery workflows (`.github/workflows/deploy-*.yml`) deploy to; each has
 * the account's GitHub OIDC provider and two roles that can do nothing but
 * assume that account's CDK bootstrap roles.
 */

/** The repository whose workflows may assume the roles. */
export const GITHUB_REPOSITORY = 'glimpse-technology/platform-constructs';

/** Where this code lives, for the `Repository` tag. */
export const REPOSITORY_URL = 'https://github.com/glimpse-technology/platform-constructs/tree/main/apps/pipeline-oidc';

/** The CDK bootstrap qualifier the accounts were bootstrapped with (`cdk bootstrap` default). */
export const CDK_QUALIFIER = 'hnb659fds';

/** One account the workflows deploy to. */
export interface DeployTarget {
  /** Stack id suffix and tag component, e.g. `TrackerStaging`. */
  readonly name: string;
  readonly account: string;
  /** Regions the account's app stacks deploy to (their CDK bootstrap roles are per region). */
  readonly regions: string[];
  /**
   * The GitHub environment whose deploy jobs may assume the deploy role
   * (token subject `repo:<repo>:environment:<name>`). Its protection rules
   * (main branch only, required reviewers) are set in the repository settings.
   */
  readonly githubEnvironment: string;
  /**
   * The account already has the `token.actions.githubusercontent.com` provider
   * (only one per account): reuse it instead of creating one.
   */
  readonly existingOidcProvider: boolean;
}

export const DEPLOY_TARGETS: DeployTarget[] = [
  { name: 'TrackerStaging', account: '471112958110', regions: ['eu-west-2'], githubEnvironment: 'staging', existingOidcProvider: false },
  { name: 'TrackerProduction', account: '590183930624', regions: ['eu-west-2'], githubEnvironment: 'production', existingOidcProvider: false },
  { name: 'SharedRegistry', account: '636728427214', regions: ['eu-west-2'], githubEnvironment: 'shared-registry', existingOidcProvider: false },
  // The platform-alarms StackSet administrator; its asset buckets live in every forwarder region.
  {
    name: 'PlatformAlarms',
    account: '381492266277',
    regions: ['eu-west-2', 'us-east-1'],
    githubEnvironment: 'platform-alarms',
    existingOidcProvider: false,
  },
];
