import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CDK_QUALIFIER, DeployTarget, GITHUB_REPOSITORY } from './config';

const ISSUER = 'token.actions.githubusercontent.com';
/** The CDK bootstrap roles a deployment uses; a diff needs only the read-only lookup role. */
const DEPLOY_BOOTSTRAP_ROLES = ['deploy', 'file-publishing', 'image-publishing', 'lookup'];
const DIFF_BOOTSTRAP_ROLES = ['lookup'];

export interface GithubOidcStackProps extends StackProps {
  readonly target: DeployTarget;
}

/**
 * GitHub Actions' OIDC provider and two roles: `github-deploy`, for the
 * target's GitHub environment, and `github-diff`, for pull requests. Neither
 * holds AWS permissions itself: each may only assume CDK bootstrap roles,
 * which carry the permissions and are what `cdk deploy`/`cdk diff` use anyway.
 * No long-lived keys: a workflow gets one-hour credentials for one job.
 */
export class GithubOidcStack extends Stack {
  public readonly deployRole: iam.Role;
  public readonly diffRole: iam.Role;

  constructor(scope: Construct, id: string, props: GithubOidcStackProps) {
    super(scope, id, props);
    const { target } = props;
    const providerArn = target.existingOidcProvider
      ? `arn:${this.partition}:iam::${this.account}:oidc-provider/${ISSUER}`
      : new iam.OidcProviderNative(this, 'GithubProvider', { url: `https://${ISSUER}`, clientIds: ['sts.amazonaws.com'] }).oidcProviderArn;

    const environmentSubject = `repo:${GITHUB_REPOSITORY}:environment:${target.githubEnvironment}`;
    this.deployRole = this.role('DeployRole', 'github-deploy', providerArn, environmentSubject,
      DEPLOY_BOOTSTRAP_ROLES, target.regions, `cdk deploy from the ${target.githubEnvironment} environment's workflow jobs`);
    this.diffRole = this.role('DiffRole', 'github-diff', providerArn, `repo:${GITHUB_REPOSITORY}:pull_request`,
      DIFF_BOOTSTRAP_ROLES, target.regions, 'cdk diff on pull requests (read-only lookup role)');
  }

  private role(
    id: string, roleName: string, providerArn: string, subject: string, bootstrapRoles: string[], regions: string[], purpose: string,
  ): iam.Role {
    const role = new iam.Role(this, id, {
      roleName,
      description: `GitHub Actions ${GITHUB_REPOSITORY}: ${purpose}`,
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.WebIdentityPrincipal(providerArn, {
        StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: subject },
      }),
    });
    // A managed policy, not an inline one: reviewable on its own (HIPAA/NIST IAMNoInlinePolicy).
    new iam.ManagedPolicy(this, `${id}Policy`, {
      roles: [role],
      statements: [new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: regions.flatMap((region) => bootstrapRoles.map((name) =>
          `arn:${this.partition}:iam::${this.account}:role/cdk-${CDK_QUALIFIER}-${name}-role-${this.account}-${region}`)),
      })],
    });
    return role;
  }
}
