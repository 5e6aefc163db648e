import { CfnResource } from 'aws-cdk-lib';
import { CfnInstance } from 'aws-cdk-lib/aws-ec2';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { resolve } from '../private/cfn';
import { GlimpseRule } from '../private/rule';

/**
 * EC2 instances have termination protection. The organisation runs standalone
 * instances only for hosts that hold data (the data host), so the rule applies
 * to every instance; a stateless instance acknowledges it with its reason.
 */
export const Ec2TerminationProtection: GlimpseRule = {
  id: 'Ec2TerminationProtection',
  info: 'The EC2 instance does not have termination protection (DisableApiTermination is not true).',
  explanation: 'Standalone instances here hold data (the self-hosted database host); an accidental terminate must not destroy it. '
    + 'Data lives on a retained volume as well; termination protection stops the console/API path. Applies to every instance: '
    + 'acknowledge on a stateless instance with the reason.',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnInstance)) return NagRuleCompliance.NOT_APPLICABLE;
    return resolve(node, node.disableApiTermination) === true ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
