import { execFileSync } from 'child_process';
import { CfnResource, ITaggable, TagManager, Tags } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { REQUIRED_TAG_KEYS, StandardTagKey } from './tag-keys';
import { assertMatches, invalidProp } from '../internal/validation';

/** Values of the organisation's standard tags. */
export interface StandardTagsProps {
  /** Deployment environment, e.g. `staging`, `production`. */
  readonly environment: string;
  /** The application or product, e.g. `tracker-restapi`. */
  readonly application: string;
  /** The part of the application this scope deploys, e.g. `api`, `network`. */
  readonly component: string;
  /**
   * The git commit of the code that deployed the resources (7 to 40 hex digits).
   * See `StandardTags.gitVersion()`.
   */
  readonly version: string;
  /** Pointer back to the code that deployed the resources (an https URL, optionally with a path). */
  readonly repository: string;
  /**
   * What manages the resources.
   * @default 'aws-cdk'
   */
  readonly managedBy?: string;
  /**
   * The `Project` tag, for applications whose existing dashboards and cost
   * reports group by it (a legacy deployment's cost-allocation tag).
   * @default - no `Project` tag
   */
  readonly project?: string;
  /**
   * Further tags the organisation requires (cost centre, owner, data
   * classification…), by key. They may not reuse a standard key.
   * @default - none
   */
  readonly additionalTags?: { [key: string]: string };
}

/** AWS tag values: up to 256 of letters, digits, spaces and `_.:/=+-@`. */
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u;
const GIT_SHA = /^[0-9a-f]{7,40}$/;
const REPOSITORY_URL = /^https:\/\/[^\s]+$/;
/** AWS tag keys: up to 128 of the same characters, and not in the reserved `aws:` namespace. */
const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
/** A resource holds at most 50 tags; leave room for the standard ones and those constructs add. */
const MAX_ADDITIONAL_TAGS = 40;

/** Context key an app (or its tests) can set to fix the `Version` tag. */
export const VERSION_CONTEXT_KEY = 'glimpse:version';

/**
 * Applies the organisation's standard tags to every taggable resource under a
 * scope (an app, a stack or a construct), through CDK's tag Aspect, after
 * validating the values. Resources that propagate tags (ECS services from
 * their task definitions, Auto Scaling groups) pass them on.
 */
export class StandardTags {
  /** Validates `props` and tags every taggable resource under `scope`. */
  public static apply(scope: IConstruct, props: StandardTagsProps): void {
    const values: Partial<Record<StandardTagKey, string>> = {
      [StandardTagKey.ENVIRONMENT]: props.environment,
      [StandardTagKey.APPLICATION]: props.application,
      [StandardTagKey.COMPONENT]: props.component,
      [StandardTagKey.VERSION]: props.version,
      [StandardTagKey.REPOSITORY]: props.repository,
      [StandardTagKey.MANAGED_BY]: props.managedBy ?? 'aws-cdk',
      ...(props.project !== undefined ? { [StandardTagKey.PROJECT]: props.project } : {}),
    };
    assertMatches(scope, 'version', props.version, GIT_SHA, 'Pass the git commit SHA (7 to 40 lowercase hex digits), e.g. StandardTags.gitVersion(app).');
    assertMatches(scope, 'repository', props.repository, REPOSITORY_URL, "Pass the https URL of the code's repository, e.g. https://github.com/org/repo.");
    for (const [key, value] of Object.entries(values) as Array<[string, string]>) {
      const prop = key.charAt(0).toLowerCase() + key.slice(1);
      assertMatches(scope, prop, value, TAG_VALUE, 'Tag values are 1 to 256 letters, digits, spaces or _.:/=+-@ characters.');
      Tags.of(scope).add(key, value);
    }
    for (const [key, value] of validAdditionalTags(scope, props.additionalTags ?? {})) {
      Tags.of(scope).add(key, value);
    }
  }

  /**
   * Paths of the taggable resources under `scope` that lack any standard tag.
   * Tags are applied by an Aspect, so call this after synthesis (for example
   * after `Template.fromStack` or `app.synth()`); a fully tagged scope returns `[]`.
   */
  public static findUntagged(scope: IConstruct): string[] {
    const required: string[] = [...REQUIRED_TAG_KEYS, StandardTagKey.MANAGED_BY];
    return scope.node.findAll()
      .filter((c): c is CfnResource & ITaggable => CfnResource.isCfnResource(c) && TagManager.isTaggable(c))
      .filter((r) => {
        const present = Object.keys(r.tags.tagValues());
        return required.some((key) => !present.includes(key));
      })
      .map((r) => r.node.path);
  }

  /**
   * The git commit to put in the `Version` tag: the `glimpse:version` context
   * value if set (tests and CI pin it), else `GIT_SHA` or `GITHUB_SHA` from the
   * environment, else `git rev-parse HEAD` in the working directory.
   */
  public static gitVersion(scope: IConstruct): string {
    const fromContext = scope.node.tryGetContext(VERSION_CONTEXT_KEY);
    const candidate = fromContext ?? process.env.GIT_SHA ?? process.env.GITHUB_SHA ?? readGitHead();
    if (typeof candidate !== 'string' || !GIT_SHA.test(candidate)) {
      throw invalidProp(scope, VERSION_CONTEXT_KEY, `could not determine the git commit (got '${candidate}')`,
        `Run inside a git checkout, set GIT_SHA, or pass -c ${VERSION_CONTEXT_KEY}=<sha>.`);
    }
    return candidate;
  }
}

function validAdditionalTags(scope: IConstruct, tags: { [key: string]: string }): Array<[string, string]> {
  const entries = Object.entries(tags);
  if (entries.length > MAX_ADDITIONAL_TAGS) {
    throw invalidProp(scope, 'additionalTags', `got ${entries.length} tags`,
      `A resource holds at most 50 tags; pass at most ${MAX_ADDITIONAL_TAGS}, leaving room for the standard ones.`);
  }
  const standard = Object.values(StandardTagKey) as string[];
  for (const [key, value] of entries) {
    if (standard.includes(key)) {
      throw invalidProp(scope, 'additionalTags', `'${key}' is a standard tag key`, `Set it through its own prop (${standard.join(', ')}), not additionalTags.`);
    }
    assertMatches(scope, 'additionalTags', key, TAG_KEY, 'Tag keys are 1 to 128 letters, digits, spaces or _.:/=+-@ characters, not starting with aws:.');
    assertMatches(scope, `additionalTags.${key}`, value, TAG_VALUE, 'Tag values are 1 to 256 letters, digits, spaces or _.:/=+-@ characters.');
  }
  return entries;
}

function readGitHead(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
