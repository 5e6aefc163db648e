/**
 * The organisation's tag keys: the one list that `StandardTags` writes, the
 * compliance rule requires and constructs use when they tag their own parts.
 */
export enum StandardTagKey {
  ENVIRONMENT = 'Environment',
  APPLICATION = 'Application',
  COMPONENT = 'Component',
  VERSION = 'Version',
  REPOSITORY = 'Repository',
  MANAGED_BY = 'ManagedBy',
  /** The legacy deployment's cost-allocation tag, which existing dashboards and cost reports group by. */
  PROJECT = 'Project',
}

/**
 * The keys every taggable resource must carry (the `Glimpse-RequiredTags`
 * rule). `StandardTags` also writes `ManagedBy`, and `Project` when given;
 * neither is required of resources tagged some other way.
 */
export const REQUIRED_TAG_KEYS: readonly StandardTagKey[] = [
  StandardTagKey.ENVIRONMENT,
  StandardTagKey.APPLICATION,
  StandardTagKey.COMPONENT,
  StandardTagKey.VERSION,
  StandardTagKey.REPOSITORY,
];
