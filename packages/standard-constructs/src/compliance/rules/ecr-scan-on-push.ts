import { CfnResource } from 'aws-cdk-lib';
import { CfnRepository } from 'aws-cdk-lib/aws-ecr';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { resolve } from '../private/cfn';
import { GlimpseRule } from '../private/rule';

/** ECR repositories scan images on push. */
export const EcrScanOnPush: GlimpseRule = {
  id: 'EcrScanOnPush',
  info: 'The ECR repository does not scan images on push (ImageScanningConfiguration.ScanOnPush is not true).',
  explanation: 'Images are scanned when pushed to ECR (ECS-010) so that vulnerable '
    + 'images are found before they are deployed.',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnRepository)) return NagRuleCompliance.NOT_APPLICABLE;
    const scanning = resolve(node, node.imageScanningConfiguration);
    return scanning?.scanOnPush === true ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
