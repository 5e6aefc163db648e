import { CfnResource } from 'aws-cdk-lib';
import { CfnInstance, CfnLaunchTemplate } from 'aws-cdk-lib/aws-ec2';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { referencedResource, resolve, stackResources } from '../private/cfn';
import { GlimpseRule } from '../private/rule';

function requiresTokens(metadataOptions: { httpTokens?: string } | undefined): boolean {
  return metadataOptions?.httpTokens === 'required';
}

function launchTemplateRequiresTokens(template: CfnLaunchTemplate): boolean {
  return requiresTokens(resolve(template, template.launchTemplateData)?.metadataOptions);
}

/** The launch template an instance uses: by Ref/GetAtt to its id, or by its literal name. */
function launchTemplateOf(instance: CfnInstance): CfnLaunchTemplate | undefined {
  const spec = resolve(instance, instance.launchTemplate);
  if (!spec) return undefined;
  const byId = referencedResource(instance, spec.launchTemplateId);
  if (byId instanceof CfnLaunchTemplate) return byId;
  if (spec.launchTemplateName === undefined) return undefined;
  const name = JSON.stringify(spec.launchTemplateName);
  return stackResources(instance).find((r): r is CfnLaunchTemplate =>
    r instanceof CfnLaunchTemplate && JSON.stringify(resolve(r, r.launchTemplateName)) === name);
}

/** EC2 instances and launch templates require IMDSv2 (HttpTokens required). */
export const Ec2Imdsv2Required: GlimpseRule = {
  id: 'Ec2Imdsv2Required',
  info: 'The EC2 instance or launch template does not require IMDSv2 (MetadataOptions.HttpTokens is not required).',
  explanation: 'IMDSv1 lets a server-side request forgery read the instance role\'s credentials; session tokens (IMDSv2) '
    + 'block that. Use requireImdsv2: true on instances and launch templates.',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (node instanceof CfnLaunchTemplate) {
      return launchTemplateRequiresTokens(node) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    }
    if (!(node instanceof CfnInstance)) return NagRuleCompliance.NOT_APPLICABLE;
    if (requiresTokens(resolve(node, node.metadataOptions))) return NagRuleCompliance.COMPLIANT;
    const template = launchTemplateOf(node);
    return template && launchTemplateRequiresTokens(template) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
