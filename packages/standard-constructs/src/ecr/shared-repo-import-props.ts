/** Which shared repository `SharedEcrRepo.fromServiceApp` imports. */
export interface SharedEcrRepoImportProps {
  /** The service the images belong to: the first part of `<service>/<app>`. */
  readonly service: string;
  /** The application within the service: the second part of `<service>/<app>`. */
  readonly app: string;
  /**
   * The registry account.
   * @default GlimpseAccounts.SHARED_REGISTRY
   */
  readonly account?: string;
  /**
   * The registry's region.
   * @default GlimpseAccounts.SHARED_REGISTRY_REGION
   */
  readonly region?: string;
}
