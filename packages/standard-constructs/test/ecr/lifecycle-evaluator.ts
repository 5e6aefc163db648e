/**
 * ECR's documented lifecycle-policy semantics, applied to a list of images,
 * so tests can check what a policy would expire
 * (docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html):
 * - rules are applied from the lowest `rulePriority`;
 * - `tagPrefixList` selects images having, for every listed prefix, a tag that starts with it;
 * - `imageCountMoreThan` expires the selected images beyond the newest N (by push time);
 *   `sinceImagePushed` expires those pushed more than N days ago;
 * - an image that matches the tag selection of a higher-priority rule cannot be
 *   expired by a lower-priority rule, but it still counts in that rule's selection.
 */
export interface SampleImage {
  readonly name: string;
  readonly tags: string[];
  /** Days before "now" the image was pushed. */
  readonly ageDays: number;
}

interface PolicyRule {
  rulePriority: number;
  selection: { tagStatus: 'tagged' | 'untagged' | 'any'; tagPrefixList?: string[]; countType: string; countNumber: number };
}

function selects(rule: PolicyRule, image: SampleImage): boolean {
  const { tagStatus, tagPrefixList } = rule.selection;
  if (tagStatus === 'untagged') return image.tags.length === 0;
  if (tagStatus === 'any') return true;
  return (tagPrefixList ?? []).every((prefix) => image.tags.some((tag) => tag.startsWith(prefix)));
}

/** The names of the images the policy expires. */
export function expiredImages(policyText: string, images: SampleImage[]): string[] {
  const rules = (JSON.parse(policyText).rules as PolicyRule[]).sort((a, b) => a.rulePriority - b.rulePriority);
  const expired = new Set<string>();
  rules.forEach((rule, i) => {
    const higher = rules.slice(0, i);
    const selected = images.filter((image) => selects(rule, image)).sort((a, b) => a.ageDays - b.ageDays);
    const candidates = rule.selection.countType === 'imageCountMoreThan'
      ? selected.slice(rule.selection.countNumber)
      : selected.filter((image) => image.ageDays > rule.selection.countNumber);
    for (const image of candidates) {
      if (!higher.some((r) => selects(r, image))) expired.add(image.name);
    }
  });
  return images.map((i) => i.name).filter((name) => expired.has(name));
}
