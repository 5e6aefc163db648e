import { CfnResource } from 'aws-cdk-lib';
import { CfnInstance, CfnLaunchTemplate } from 'aws-cdk-lib/aws-ec2';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { flattenToText, resolve } from '../private/cfn';
import { GlimpseRule } from '../private/rule';
import { secretsInScript } from '../private/secrets';

function userDataOf(node: CfnResource): unknown {
  if (node instanceof CfnInstance) return resolve(node, node.userData);
  if (node instanceof CfnLaunchTemplate) return resolve(node, node.launchTemplateData)?.userData;
  return undefined;
}

/**
 * No plain-text secrets in EC2 user data (instances and launch templates):
 * secret-looking variables assigned literals, or secret-shaped values. One
 * finding per variable name or secret shape.
 */
export const UserDataNoSecrets: GlimpseRule = {
  id: 'UserDataNoSecrets',
  info: 'The EC2 user data contains what looks like a plain-text secret.',
  explanation: 'User data is readable by anyone who can describe the instance and from inside it through the metadata '
    + 'service. Generate secrets in Secrets Manager and read them at boot with the instance role; secrets typed in by hand are neither reproducible nor rotated.',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnInstance) && !(node instanceof CfnLaunchTemplate)) return NagRuleCompliance.NOT_APPLICABLE;
    const userData = userDataOf(node);
    if (userData === undefined) return NagRuleCompliance.COMPLIANT;
    const findings = secretsInScript(flattenToText(userData));
    return findings.length === 0 ? NagRuleCompliance.COMPLIANT : findings;
  },
};
