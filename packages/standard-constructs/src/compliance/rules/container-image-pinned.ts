import { CfnResource } from 'aws-cdk-lib';
import { CfnTaskDefinition } from 'aws-cdk-lib/aws-ecs';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IMAGE_DIGEST, PINNED_TAG } from '../../internal/image-pin';
import { flattenToText, resolve } from '../private/cfn';
import { GlimpseRule } from '../private/rule';


/** True when an image reference names one immutable image (by digest or SHA tag). */
export function isPinnedImage(image: string): boolean {
  const at = image.lastIndexOf('@');
  if (at >= 0) return IMAGE_DIGEST.test(image.slice(at + 1));
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon < 0) return false; // untagged means `latest`
  return PINNED_TAG.test(lastSegment.slice(colon + 1));
}

/** Container images are pinned to a git-SHA tag or a digest; one finding per unpinned container. */
export const ContainerImagePinned: GlimpseRule = {
  id: 'ContainerImagePinned',
  info: 'The task definition has a container image that is not pinned to a git-SHA tag or a sha256 digest (e.g. latest or untagged).',
  explanation: 'Mutable tags make deployments unrepeatable and break the one-to-one mapping between code, image and task definition '
    + 'revision (ECS-004). Reference images by git commit SHA tag or digest, e.g. ServiceImage.fromRepository(repo, sha).',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnTaskDefinition)) return NagRuleCompliance.NOT_APPLICABLE;
    const containers: Array<{ name?: string; image?: unknown }> = resolve(node, node.containerDefinitions) ?? [];
    const unpinned = containers
      .filter((c) => !isPinnedImage(flattenToText(c.image)))
      .map((c, i) => c.name ?? `container${i}`);
    return unpinned.length === 0 ? NagRuleCompliance.COMPLIANT : unpinned;
  },
};
