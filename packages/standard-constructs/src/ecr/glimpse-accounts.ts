/**
 * The organisation's shared AWS accounts, as constants every jsii language
 * can read (`GlimpseAccounts.SHARED_REGISTRY` in TypeScript, Python, Java,
 * .NET and Go alike).
 */
export class GlimpseAccounts {
  /** The shared image registry account: every `<service>/<app>` ECR repository lives here. */
  public static readonly SHARED_REGISTRY = '636728427214';

  /** The region of the shared image registry. */
  public static readonly SHARED_REGISTRY_REGION = 'eu-west-2';

  private constructor() {}
}
