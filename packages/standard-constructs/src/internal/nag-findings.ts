import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Flattens a resolved CloudFormation value the way cdk-nag names findings (`<Ref>`, `<Res.Attr>`). */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\${/g, '<').replace(/}/g, '>');
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v['Fn::Join'])) {
      const [delimiter, items] = v['Fn::Join'] as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if ('Fn::Sub' in v) return flatten(v['Fn::Sub']);
    if (Array.isArray(v['Fn::GetAtt'])) {
      const [resource, attribute] = v['Fn::GetAtt'] as [unknown, unknown];
      return `<${flatten(resource)}.${flatten(attribute)}>`;
    }
    if ('Ref' in v) return `<${flatten(v.Ref)}>`;
  }
  return JSON.stringify(value);
}

/**
 * The id of cdk-nag's `AwsSolutions-IAM5` finding for one wildcard resource
 * ARN, to acknowledge exactly that resource and nothing else on a policy.
 */
export function iam5ResourceFinding(scope: IConstruct, resourceArn: string): string {
  return `AwsSolutions-IAM5[Resource::${flatten(Stack.of(scope).resolve(resourceArn))}]`;
}
