import { IConstruct } from 'constructs';
import { invalidProp } from '../internal/validation';

/** One ECR path component: lowercase alphanumerics separated by single `.`, `_` or `-`. */
const COMPONENT = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/**
 * Resolves and validates a shared repository's name against ECR's naming
 * rules and the organisation's `<service>/<app>` convention.
 */
export function sharedRepositoryName(scope: IConstruct, service?: string, app?: string, repositoryName?: string): string {
  if (repositoryName !== undefined && (service !== undefined || app !== undefined)) {
    throw invalidProp(scope, 'repositoryName', 'given together with `service`/`app`', 'Pass either `repositoryName` or both `service` and `app`.');
  }
  const name = repositoryName ?? (service !== undefined && app !== undefined ? `${service}/${app}` : undefined);
  if (name === undefined) {
    throw invalidProp(scope, 'service', 'no repository name given', 'Pass both `service` and `app` (the repository is named `<service>/<app>`), or `repositoryName`.');
  }
  const parts = name.split('/');
  if (parts.length !== 2) {
    throw invalidProp(scope, 'repositoryName', `'${name}' is not of the form <service>/<app>`, 'Name shared repositories `<service>/<app>`, e.g. tracker/api.');
  }
  for (const [prop, part] of [['service', parts[0]], ['app', parts[1]]]) {
    if (!COMPONENT.test(part)) {
      throw invalidProp(scope, prop, `'${part}' is not a valid ECR name component`, 'Use lowercase letters and digits, separated by single `.`, `_` or `-`, e.g. tracker or anisette-v3.');
    }
  }
  if (name.length > 256) {
    throw invalidProp(scope, 'repositoryName', `'${name}' is ${name.length} characters`, 'ECR repository names are at most 256 characters.');
  }
  return name;
}
