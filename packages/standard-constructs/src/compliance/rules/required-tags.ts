import { CfnResource, TagManager } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { REQUIRED_TAG_KEYS } from '../../tagging/tag-keys';
import { GlimpseRule } from '../private/rule';

/** Taggable resources carry the organisation's required tags; one finding per missing key. */
export const RequiredTags: GlimpseRule = {
  id: 'RequiredTags',
  info: `The resource is missing one or more of the required tags ${REQUIRED_TAG_KEYS.join(', ')}.`,
  explanation: 'Standard tags make every resource traceable to its environment, application, component, git commit and code repository '
    + '(cost allocation, incident response, ECS-004). Apply them once per app or stack with StandardTags.apply(scope, {...}).',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    const tags = TagManager.of(node);
    if (!tags) return NagRuleCompliance.NOT_APPLICABLE;
    const present = Object.keys(tags.tagValues());
    const missing: string[] = REQUIRED_TAG_KEYS.filter((key) => !present.includes(key));
    return missing.length === 0 ? NagRuleCompliance.COMPLIANT : missing;
  },
};
