import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { expiredImages, SampleImage } from './lifecycle-evaluator';
import { GlimpseAccounts, KEPT_TAG_PREFIXES, SharedEcrRepo, SharedEcrRepoProps } from '../../src';

function lifecyclePolicyText(props: Partial<SharedEcrRepoProps> = {}): string {
  const stack = new Stack(new App(), 'Registry', { env: { account: GlimpseAccounts.SHARED_REGISTRY, region: 'eu-west-2' } });
  new SharedEcrRepo(stack, 'Api', { service: 'tracker', app: 'api', ...props });
  const repo = Object.values(Template.fromStack(stack).findResources('AWS::ECR::Repository'))[0];
  return repo.Properties.LifecyclePolicy.LifecyclePolicyText;
}

const rulesOf = (props: Partial<SharedEcrRepoProps> = {}) => JSON.parse(lifecyclePolicyText(props)).rules;
const sha = (i: number) => i.toString(16).padStart(40, 'a');

describe('SharedEcrRepo image retention', () => {
  test('rule order: one keep rule per release/environment prefix, then untagged by age, then the count limit last', () => {
    expect(rulesOf()).toEqual([
      ...KEPT_TAG_PREFIXES.map((prefix, i) => ({
        rulePriority: i + 1,
        description: `Keep images tagged ${prefix}*: deployed environments run them`,
        selection: { tagStatus: 'tagged', tagPrefixList: [prefix], countType: 'imageCountMoreThan', countNumber: 9999 },
        action: { type: 'expire' },
      })),
      {
        rulePriority: 4,
        description: 'Expire untagged images',
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 7, countUnit: 'days' },
        action: { type: 'expire' },
      },
      {
        rulePriority: 5,
        description: 'Keep only the most recent other images (dev builds)',
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 },
        action: { type: 'expire' },
      },
    ]);
    expect(KEPT_TAG_PREFIXES).toEqual(['release-', 'staging-', 'production-']);
  });

  test('prefixes and counts are configurable', () => {
    const rules = rulesOf({ keptTagPrefixes: ['v'], untaggedImageExpiry: Duration.days(3), maxImageCount: 100 });
    expect(rules.map((r: { selection: object }) => r.selection)).toEqual([
      { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 9999 },
      { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 3, countUnit: 'days' },
      { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 100 },
    ]);
  });

  test('no kept prefixes: only the untagged and count rules', () => {
    expect(rulesOf({ keptTagPrefixes: [] }).map((r: { rulePriority: number }) => r.rulePriority)).toEqual([1, 2]);
  });

  describe('on a sample registry', () => {
    // 60 dev builds, one a day (newest first); the images environments run are old ones, re-tagged on promotion.
    const dev: SampleImage[] = Array.from({ length: 60 }, (_, i) => ({ name: `dev${i}`, tags: [sha(i)], ageDays: i }));
    const deployed: SampleImage[] = [
      { name: 'production', tags: [sha(900), 'production-' + sha(900), 'release-2024.1'], ageDays: 400 },
      { name: 'staging', tags: [sha(901), 'staging-' + sha(901)], ageDays: 90 },
      { name: 'release', tags: ['release-' + sha(902)], ageDays: 200 },
    ];
    const untagged: SampleImage[] = [
      { name: 'untagged-new', tags: [], ageDays: 2 },
      { name: 'untagged-old', tags: [], ageDays: 8 },
    ];
    const expired = expiredImages(lifecyclePolicyText(), [...dev, ...deployed, ...untagged]);

    test('never expires an image an environment runs or a release', () => {
      expect(expired).not.toEqual(expect.arrayContaining(['production']));
      for (const name of ['production', 'staging', 'release']) expect(expired).not.toContain(name);
    });

    test('expires untagged images after 7 days', () => {
      expect(expired).toContain('untagged-old');
      expect(expired).not.toContain('untagged-new');
    });

    test('keeps the newest 30 images in all; older dev builds expire', () => {
      // The two untagged images are among the newest 30, so 28 dev builds stay.
      expect(expired.filter((name) => name.startsWith('dev'))).toEqual(dev.slice(28).map((i) => i.name));
    });

    test('the same sample without the keep rules would lose the deployed images', () => {
      const unprotected = expiredImages(lifecyclePolicyText({ keptTagPrefixes: [] }), [...dev, ...deployed, ...untagged]);
      expect(unprotected).toEqual(expect.arrayContaining(['production', 'staging', 'release']));
    });
  });

  describe('rejects', () => {
    test.each([
      ['a prefix with a bad character', { keptTagPrefixes: ['release/'] }, /Registry\/Api: invalid `keptTagPrefixes`: got 'release\/'/],
      ['a prefix listed twice', { keptTagPrefixes: ['release-', 'release-'] }, /invalid `keptTagPrefixes`: 'release-' is listed twice/],
      ['more than ten prefixes', { keptTagPrefixes: Array.from({ length: 11 }, (_, i) => `p${i}-`) }, /invalid `keptTagPrefixes`: got 11 prefixes/],
      ['zero images kept', { maxImageCount: 0 }, /invalid `maxImageCount`.*from 1 to 10000/],
      ['zero expiry days', { untaggedImageExpiry: Duration.days(0) }, /invalid `untaggedImageExpiry`/],
    ])('%s', (_name, props, message) => {
      expect(() => lifecyclePolicyText(props)).toThrow(message);
    });
  });
});
