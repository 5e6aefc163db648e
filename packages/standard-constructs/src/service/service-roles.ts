import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ManagedPolicyRole } from '../internal/managed-policy-role';

/**
 * `ecs-tasks.amazonaws.com`, limited to ECS in this account and region
 * (`aws:SourceAccount`/`aws:SourceArn`) against the confused-deputy problem.
 */
function ecsTasksPrincipal(scope: Construct): iam.IPrincipal {
  const stack = Stack.of(scope);
  return new iam.ServicePrincipal('ecs-tasks.amazonaws.com').withConditions({
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'ecs', resource: '*' }) },
  });
}

/**
 * The two roles every service gets for itself (ECS-005): none is shared.
 * Their grants go to customer-managed policies, not inline ones.
 */
export interface ServiceRoles {
  /** Assumed by the ECS agent: pull the image, write logs, read the secrets. */
  readonly executionRole: ManagedPolicyRole;
  /** Assumed by the application. */
  readonly taskRole: ManagedPolicyRole;
}

/** Creates a service's dedicated execution and task roles. */
export function createServiceRoles(scope: Construct, serviceName: string): ServiceRoles {
  return {
    executionRole: new ManagedPolicyRole(scope, 'ExecutionRole', {
      assumedBy: ecsTasksPrincipal(scope),
      description: `ECS agent for ${serviceName}: pulls its image, writes its logs, reads its secrets`,
    }),
    taskRole: new ManagedPolicyRole(scope, 'TaskRole', {
      assumedBy: ecsTasksPrincipal(scope),
      description: `Application role of ${serviceName}`,
    }),
  };
}
