import { CfnResource } from 'aws-cdk-lib';
import { CfnService } from 'aws-cdk-lib/aws-ecs';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { resolve } from '../private/cfn';
import { GlimpseRule } from '../private/rule';

/** ECS services propagate tags from the task definition and enable ECS managed tags. */
export const ServiceTagPropagation: GlimpseRule = {
  id: 'ServiceTagPropagation',
  info: 'The ECS service does not propagate tags from its task definition (PropagateTags) or does not enable ECS managed tags (EnableECSManagedTags).',
  explanation: 'Tasks must carry the task definition\'s Environment/Application/Component/Version tags and the ECS managed '
    + 'cluster/service tags, so that running tasks trace back to code and costs split by service (ECS-004).',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnService)) return NagRuleCompliance.NOT_APPLICABLE;
    const findings: string[] = [];
    if (resolve(node, node.propagateTags) !== 'TASK_DEFINITION') findings.push('PropagateTags');
    if (resolve(node, node.enableEcsManagedTags) !== true) findings.push('EnableECSManagedTags');
    return findings.length === 0 ? NagRuleCompliance.COMPLIANT : findings;
  },
};
