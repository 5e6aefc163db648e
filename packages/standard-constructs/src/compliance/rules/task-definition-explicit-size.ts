import { CfnResource } from 'aws-cdk-lib';
import { CfnTaskDefinition } from 'aws-cdk-lib/aws-ecs';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { resolve } from '../private/cfn';
import { GlimpseRule } from '../private/rule';

interface ContainerSize {
  readonly cpu?: number;
  readonly memory?: number;
  readonly memoryReservation?: number;
}

/** Task definitions size their tasks explicitly: task cpu and memory, or cpu and memory on every container. */
export const TaskDefinitionExplicitSize: GlimpseRule = {
  id: 'TaskDefinitionExplicitSize',
  info: 'The task definition does not set cpu and memory explicitly (at task level, or on every container).',
  explanation: 'Start with the smallest cpu/memory that runs and resize from telemetry (ECS-006): '
    + 'that needs an explicit, reviewed size rather than whatever the host has free.',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnTaskDefinition)) return NagRuleCompliance.NOT_APPLICABLE;
    if (resolve(node, node.cpu) !== undefined && resolve(node, node.memory) !== undefined) return NagRuleCompliance.COMPLIANT;
    const containers: ContainerSize[] = resolve(node, node.containerDefinitions) ?? [];
    const everyContainerSized = containers.length > 0 && containers.every(
      (c) => c.cpu !== undefined && (c.memory !== undefined || c.memoryReservation !== undefined));
    return everyContainerSized ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
