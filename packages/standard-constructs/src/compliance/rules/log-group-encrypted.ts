import { CfnResource } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { resolve } from '../private/cfn';
import { GlimpseRule } from '../private/rule';

/** Log groups are encrypted with a KMS key. */
export const LogGroupEncrypted: GlimpseRule = {
  id: 'LogGroupEncrypted',
  info: 'The CloudWatch log group is not encrypted with a KMS key (no KmsKeyId).',
  explanation: 'Application logs can carry personal and health data; encrypting them with a KMS key (e.g. the project key) '
    + 'puts reads under key policy control and audit (HIPAA 164.312(a)(2)(iv)).',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnLogGroup)) return NagRuleCompliance.NOT_APPLICABLE;
    return resolve(node, node.kmsKeyId) === undefined ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};
