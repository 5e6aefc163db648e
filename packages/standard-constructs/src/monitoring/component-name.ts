import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The `<component>` part of an alarm name: the resource's own name when it
 * is a literal (e.g. an ECS `serviceName`), otherwise its construct path
 * within the stack, slugged. Both are stable, so alarm names are too, and
 * both are literals, so a service can roll back on its alarms by name
 * without a dependency cycle.
 */
export function componentName(resource: IConstruct, literalName: string | undefined): string {
  if (literalName && !Token.isUnresolved(literalName)) return slug(literalName);
  const stackPath = Stack.of(resource).node.path;
  const path = resource.node.path.startsWith(`${stackPath}/`) ? resource.node.path.slice(stackPath.length + 1) : resource.node.path;
  return slug(path.replace(/\/(Resource|Default)$/, ''));
}

/** Lowercase letters, digits and hyphens only. */
export function slug(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
