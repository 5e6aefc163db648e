/**
 * What pins a container image to one build, shared by `ServiceImage` (which
 * refuses anything else) and the `ContainerImagePinned` compliance rule.
 *
 * A tag is a pin when it ends in 7 to 64 hex digits, optionally after a
 * prefix such as `prod-`: a git commit id (7 to 40 for SHA-1 repositories, 64
 * for SHA-256 ones) or a content hash (CDK image assets are tagged with their
 * 64-hex hash). Both name exactly one build; with immutable tags in the
 * registry, the tag can never move to another image.
 */
export const PINNED_TAG = /^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,86}[-_.])?[0-9a-f]{7,64}$/;

/** An image digest: `sha256:` and 64 hex digits. */
export const IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** How to fix an image reference that is not pinned. */
export const PIN_FIX = 'Pin the image to the git commit it was built from (e.g. 4f3ebae951a3 or prod-4f3ebae951a3) '
  + 'or to its digest (sha256: and 64 hex digits); mutable tags such as latest make deployments unrepeatable.';
