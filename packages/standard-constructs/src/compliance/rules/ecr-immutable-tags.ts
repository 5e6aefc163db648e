import { CfnResource } from 'aws-cdk-lib';
import { CfnRepository } from 'aws-cdk-lib/aws-ecr';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { resolve } from '../private/cfn';
import { GlimpseRule } from '../private/rule';

/** ECR repositories make image tags immutable. */
export const EcrImmutableTags: GlimpseRule = {
  id: 'EcrImmutableTags',
  info: 'The ECR repository allows image tags to be overwritten (ImageTagMutability is not IMMUTABLE).',
  explanation: 'A git-SHA tag only identifies one image if it can never be pushed again (ECS-004, ECS-010); '
    + 'SharedEcrRepo sets IMMUTABLE.',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnRepository)) return NagRuleCompliance.NOT_APPLICABLE;
    const mutability = resolve(node, node.imageTagMutability);
    return mutability === 'IMMUTABLE' || mutability === 'IMMUTABLE_WITH_EXCLUSION'
      ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
