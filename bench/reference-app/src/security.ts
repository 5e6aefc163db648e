/** The project's KMS key, and roles whose grants land in customer-managed policies. */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * A role whose grants go to customer-managed policies instead of an inline
 * default policy: the organisation's accounts deny inline policies. Grants go
 * to `Policy`, except those made inside `grantsIn`.
 */
export class ManagedPolicyRole extends iam.Role {
  private readonly customerManaged = new Map<string, iam.ManagedPolicy>();
  private policyId = 'Policy';

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    let policy = this.customerManaged.get(this.policyId);
    if (!policy) {
      policy = new iam.ManagedPolicy(this, this.policyId, { roles: [this] });
      this.customerManaged.set(this.policyId, policy);
    }
    policy.addStatements(statement);
    return { statementAdded: true, policyDependable: policy };
  }

  /** Runs `build` with its grants in a policy `id` of their own, to review (and drop) them apart. */
  public grantsIn<T>(id: string, build: () => T): T {
    const previous = this.policyId;
    this.policyId = id;
    try {
      return build();
    } finally {
      this.policyId = previous;
    }
  }
}

/** ECS tasks of this account and region only (no confused deputy). */
export function ecsTasksPrincipal(scope: Construct): iam.IPrincipal {
  const stack = Stack.of(scope);
  return new iam.ServicePrincipal('ecs-tasks.amazonaws.com').withConditions({
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'ecs', resource: '*', arnFormat: ArnFormat.NO_RESOURCE_NAME }) },
  });
}

/** One key for the project's logs, secrets, volumes and ECS Exec sessions. */
export function projectKey(scope: Construct, prefix: string): kms.Key {
  const stack = Stack.of(scope);
  const key = new kms.Key(scope, 'ProjectKey', {
    alias: `alias/${prefix}`,
    description: `${prefix}: encrypts the project's logs, secrets, volumes and ECS Exec sessions`,
    enableKeyRotation: true,
    pendingWindow: Duration.days(7),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const logGroupArn = (name: string) =>
    stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  // CloudWatch Logs encrypts the project's log groups (VPC, ECS, EC2 and WAF logs) and nothing else.
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowProjectLogGroups',
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': [logGroupArn(`/aws/*/${prefix}*`), logGroupArn(`aws-waf-logs-${prefix}*`)] } },
  }));
  // EBS encrypts the data host's root and data volumes (EC2 launches them with a grant).
  const viaEc2 = { 'kms:CallerAccount': stack.account, 'kms:ViaService': `ec2.${stack.region}.amazonaws.com` };
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowEbs',
    principals: [new iam.AccountRootPrincipal()],
    actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
    resources: ['*'],
    conditions: { StringEquals: viaEc2 },
  }));
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowEbsGrants',
    principals: [new iam.AccountRootPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { StringEquals: viaEc2, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
  }));
  return key;
}
