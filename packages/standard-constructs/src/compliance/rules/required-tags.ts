import { CfnResource, TagManager } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { GlimpseRule } from '../private/rule';

/** The tags every taggable resource carries (ECS-004). */
export const REQUIRED_TAG_KEYS = ['Environment', 'Application', 'Component', 'Version', 'Repository'];

/** Taggable resources carry the organisation's required tags; one finding per missing key. */
export const RequiredTags: GlimpseRule = {
  id: 'RequiredTags',
  info: 'The resource is missing one or more of the required tags Environment, Application, Component, Version, Repository.',
  explanation: 'Standard tags make every resource traceable to its environment, application, component, git commit and code repository '
    + '(cost allocation, incident response, ECS-004). Apply them once per app or stack with StandardTags.apply(scope, {...}).',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    const tags = TagManager.of(node);
    if (!tags) return NagRuleCompliance.NOT_APPLICABLE;
    const present = Object.keys(tags.tagValues());
    const missing = REQUIRED_TAG_KEYS.filter((key) => !present.includes(key));
    return missing.length === 0 ? NagRuleCompliance.COMPLIANT : missing;
  },
};
