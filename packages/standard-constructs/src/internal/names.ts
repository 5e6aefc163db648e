import { IConstruct } from 'constructs';
import { assertMatches } from './validation';

/** One part of a resource name: a project, an environment or a service. */
export const NAME_PART = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Validates a project and environment name pair and returns `<project>-<env>`,
 * the prefix of every resource name the standard constructs create.
 */
export function qualifiedName(scope: IConstruct, projectName: string, environmentName: string): string {
  assertMatches(scope, 'projectName', projectName, NAME_PART, 'Use lowercase letters, digits and hyphens, e.g. tracker-restapi.');
  assertMatches(scope, 'environmentName', environmentName, NAME_PART, 'Use lowercase letters, digits and hyphens, e.g. staging.');
  return `${projectName}-${environmentName}`;
}

/** `/aws/ecs/<project>-<env>/<name>`: the log group of a service or of the cluster's exec sessions. */
export function ecsLogGroupName(qualified: string, name: string): string {
  return `/aws/ecs/${qualified}/${name}`;
}
