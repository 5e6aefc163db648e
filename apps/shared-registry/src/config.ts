import { GlimpseAccounts } from '@glimpse/standard-constructs';

/** The organisation's accounts, by role, and the repositories each service needs. */
export interface RegistryConfig {
  /** The shared registry account and region. */
  readonly registry: { readonly account: string; readonly region: string };
  /** The dev workload account: pushes images. */
  readonly devAccount: string;
  /** Workload accounts other than dev: pull read-only. */
  readonly pullAccounts: string[];
  /** `<service>` → its `<app>` repositories. */
  readonly services: Record<string, string[]>;
}

export const REGISTRY_CONFIG: RegistryConfig = {
  registry: { account: GlimpseAccounts.SHARED_REGISTRY, region: GlimpseAccounts.SHARED_REGISTRY_REGION },
  devAccount: '381492266277',
  pullAccounts: [
    '471112958110', // tracker staging
    '590183930624', // tracker production
  ],
  services: {
    // Tracker's four service images, and `services`: the TaskiQ workers' image (one service per worker command).
    tracker: ['api', 'frontend', 'admin', 'anisette', 'services'],
  },
};

/** Where this code lives, for the `Repository` tag. */
export const REPOSITORY_URL = 'https://github.com/glimpse-technology/platform-constructs/tree/main/apps/shared-registry';
