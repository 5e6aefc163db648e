import { CfnResource } from 'aws-cdk-lib';
import { CfnService, CfnTaskDefinition } from 'aws-cdk-lib/aws-ecs';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { perStack, referenceKey, referencedResource } from '../private/cfn';
import { GlimpseRule } from '../private/rule';

interface ServiceRoles {
  readonly service: CfnService;
  readonly taskRole?: string;
  readonly executionRole?: string;
}

function rolesOf(service: CfnService): ServiceRoles {
  const taskDefinition = referencedResource(service, service.taskDefinition);
  if (!(taskDefinition instanceof CfnTaskDefinition)) {
    throw new Error(`the task definition of ${service.node.path} is not in the same stack, so its roles cannot be checked`);
  }
  return {
    service,
    taskRole: referenceKey(taskDefinition, taskDefinition.taskRoleArn),
    executionRole: referenceKey(taskDefinition, taskDefinition.executionRoleArn),
  };
}

/**
 * Each ECS service has its own task role and its own execution role: both set,
 * different from each other, and shared with no other service in the stack.
 */
export const ServiceDedicatedRoles: GlimpseRule = {
  id: 'ServiceDedicatedRoles',
  info: 'The ECS service lacks a task or execution role, uses one role for both, or shares a role with another service.',
  explanation: 'Least privilege per business function (ECS-003, ECS-005): a role shared between services grants each the '
    + 'other\'s permissions, and the execution role (pull images, read secrets) must not be the application\'s task role.',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnService)) return NagRuleCompliance.NOT_APPLICABLE;
    const services = perStack(node, 'ServiceDedicatedRoles', (resources) =>
      resources.filter((r): r is CfnService => r instanceof CfnService).map(rolesOf));
    const own = services.find((s) => s.service === node) ?? rolesOf(node);
    const others = services.filter((s) => s.service !== node);
    const findings: string[] = [];
    if (!own.taskRole) findings.push('TaskRoleMissing');
    if (!own.executionRole) findings.push('ExecutionRoleMissing');
    if (own.taskRole && own.taskRole === own.executionRole) findings.push('SameTaskAndExecutionRole');
    const shared = (role: string | undefined) =>
      role !== undefined && others.some((o) => o.taskRole === role || o.executionRole === role);
    if (shared(own.taskRole)) findings.push('TaskRoleShared');
    if (shared(own.executionRole)) findings.push('ExecutionRoleShared');
    return findings.length === 0 ? NagRuleCompliance.COMPLIANT : findings;
  },
};
