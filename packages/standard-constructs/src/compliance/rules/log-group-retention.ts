import { CfnResource } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { resolve } from '../private/cfn';
import { GlimpseRule } from '../private/rule';

/** Log groups set a retention period. */
export const LogGroupRetention: GlimpseRule = {
  id: 'LogGroupRetention',
  info: 'The CloudWatch log group keeps its events forever (no RetentionInDays).',
  explanation: 'Logs kept forever cost money forever and hold personal data longer than needed; set a retention that '
    + 'matches the data\'s purpose (the organisation sets a retention on every log group).',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnLogGroup)) return NagRuleCompliance.NOT_APPLICABLE;
    return resolve(node, node.retentionInDays) === undefined ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};
