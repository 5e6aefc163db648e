import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * An IAM role whose grants land in customer-managed policies instead of an
 * inline default policy, so that HIPAA/NIST `IAMNoInlinePolicy` hold without
 * an acknowledgement. Grants go to `Policy`, created on the first grant,
 * except while `collectGrantsIn` routes them to a policy of their own.
 */
export class ManagedPolicyRole extends iam.Role {
  private defaultManagedPolicy?: iam.ManagedPolicy;
  private redirect?: () => iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: iam.RoleProps) {
    super(scope, id, props);
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    const policy = this.redirect ? this.redirect() : this.defaultPolicyOnDemand();
    policy.addStatements(statement);
    return { statementAdded: true, policyDependable: policy };
  }

  /**
   * Runs `build` and puts every grant it makes into a managed policy `id`,
   * so that one purpose's permissions can be reviewed (and acknowledged) apart.
   * Returns what `build` returns, and the policy (undefined if `build` granted nothing).
   */
  public collectGrantsIn<T>(id: string, build: () => T): [T, iam.ManagedPolicy | undefined] {
    let policy: iam.ManagedPolicy | undefined;
    const previous = this.redirect;
    this.redirect = () => policy ??= new iam.ManagedPolicy(this, id, { roles: [this] });
    try {
      return [build(), policy];
    } finally {
      this.redirect = previous;
    }
  }

  private defaultPolicyOnDemand(): iam.ManagedPolicy {
    this.defaultManagedPolicy ??= new iam.ManagedPolicy(this, 'Policy', { roles: [this] });
    return this.defaultManagedPolicy;
  }
}
