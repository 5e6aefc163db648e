import { Duration } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { IConstruct } from 'constructs';
import { assertIntegerInRange, assertMatches, invalidProp } from '../internal/validation';

/**
 * Tag prefixes that mark an image a deployed environment may run: a release,
 * or a promotion to staging or production. Images carrying one never expire.
 */
export const KEPT_TAG_PREFIXES: readonly string[] = ['release-', 'staging-', 'production-'];

/** What `SharedEcrRepo` keeps and expires. */
export interface ImageRetentionOptions {
  /**
   * Tag prefixes whose images never expire: the images environments deploy.
   * @default KEPT_TAG_PREFIXES (`release-`, `staging-`, `production-`)
   */
  readonly keptTagPrefixes?: string[];
  /**
   * How long untagged images (superseded layers, failed pushes) are kept, in whole days.
   * @default Duration.days(7)
   */
  readonly untaggedImageExpiry?: Duration;
  /**
   * How many of the most recent images to keep; older images without a kept
   * prefix (dev builds) expire. Kept-prefix images count towards it but never expire.
   * @default 30
   */
  readonly maxImageCount?: number;
}

/**
 * A kept image matches a rule of its own that can expire only beyond this
 * many images with that prefix; ECR then never lets a later rule expire it.
 * (ECR's lifecycle has no "keep" action: a rule that matches protects.)
 */
const KEEP_COUNT = 9999;
const MAX_KEPT_PREFIXES = 10;
const TAG_PREFIX = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * The lifecycle rules, in the order ECR evaluates them: one rule per kept
 * prefix first (ECR selects by all prefixes of a rule together, so each
 * prefix needs its own rule), then untagged images by age, and last the
 * count limit on everything else.
 */
export function imageRetentionRules(scope: IConstruct, options: ImageRetentionOptions): ecr.LifecycleRule[] {
  const prefixes = options.keptTagPrefixes ?? [...KEPT_TAG_PREFIXES];
  const untaggedDays = (options.untaggedImageExpiry ?? Duration.days(7)).toDays({ integral: false });
  assertIntegerInRange(scope, 'untaggedImageExpiry', untaggedDays, 1, 3650);
  assertIntegerInRange(scope, 'maxImageCount', options.maxImageCount, 1, 10000);
  if (prefixes.length > MAX_KEPT_PREFIXES) {
    throw invalidProp(scope, 'keptTagPrefixes', `got ${prefixes.length} prefixes`, `Use at most ${MAX_KEPT_PREFIXES}: each is a lifecycle rule.`);
  }
  prefixes.forEach((prefix, i) => {
    assertMatches(scope, 'keptTagPrefixes', prefix, TAG_PREFIX, 'A tag prefix is 1 to 128 letters, digits, `_`, `.` or `-`, not starting with `.` or `-`.');
    if (prefixes.indexOf(prefix) !== i) {
      throw invalidProp(scope, 'keptTagPrefixes', `'${prefix}' is listed twice`, 'List each prefix once.');
    }
  });

  const keep: ecr.LifecycleRule[] = prefixes.map((prefix, i) => ({
    rulePriority: i + 1,
    description: `Keep images tagged ${prefix}*: deployed environments run them`,
    tagStatus: ecr.TagStatus.TAGGED,
    tagPrefixList: [prefix],
    maxImageCount: KEEP_COUNT,
  }));
  return [
    ...keep,
    {
      rulePriority: keep.length + 1,
      description: 'Expire untagged images',
      tagStatus: ecr.TagStatus.UNTAGGED,
      maxImageAge: Duration.days(untaggedDays),
    },
    {
      rulePriority: keep.length + 2,
      description: 'Keep only the most recent other images (dev builds)',
      tagStatus: ecr.TagStatus.ANY,
      maxImageCount: options.maxImageCount ?? 30,
    },
  ];
}
