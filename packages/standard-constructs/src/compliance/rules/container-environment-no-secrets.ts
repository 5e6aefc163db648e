import { CfnResource } from 'aws-cdk-lib';
import { CfnTaskDefinition } from 'aws-cdk-lib/aws-ecs';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { flattenToText, resolve } from '../private/cfn';
import { GlimpseRule } from '../private/rule';
import { isLiteralValue, isSecretLookingName, secretShapesIn } from '../private/secrets';

interface Container {
  readonly name?: string;
  readonly environment?: Array<{ readonly name?: string; readonly value?: unknown }>;
}

/**
 * No plain-text secrets in container environment variables: a secret-looking
 * name with a literal value, or a value shaped like a secret. One finding per
 * variable, `<container>:<variable>`.
 */
export const ContainerEnvironmentNoSecrets: GlimpseRule = {
  id: 'ContainerEnvironmentNoSecrets',
  info: 'A container environment variable holds what looks like a plain-text secret.',
  explanation: 'Environment values are stored in the task definition and shown in the console and API to anyone who can '
    + 'describe it. Pass secrets with the container\'s `secrets` (Secrets Manager or SSM SecureString) instead.',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnTaskDefinition)) return NagRuleCompliance.NOT_APPLICABLE;
    const containers: Container[] = resolve(node, node.containerDefinitions) ?? [];
    const findings = containers.flatMap((container, i) => (container.environment ?? [])
      .filter((variable) => {
        const value = flattenToText(variable.value ?? '');
        return (isSecretLookingName(variable.name ?? '') && isLiteralValue(value)) || secretShapesIn(value).length > 0;
      })
      .map((variable) => `${container.name ?? `container${i}`}:${variable.name}`));
    return findings.length === 0 ? NagRuleCompliance.COMPLIANT : findings;
  },
};
