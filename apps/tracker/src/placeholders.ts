import { Annotations, Stack } from 'aws-cdk-lib';

/**
 * Values the config cannot know yet (image tags, the existing production VPC,
 * hosts, ARNs) are written as `placeholder('what it is', wellFormedExample)`.
 * The example keeps offline synth and tests running; the stack refuses to
 * synthesize for a deployment while any placeholder remains.
 */

/** Context key that lets a stack with placeholders synthesize: set only by the offline synth and tests. */
export const ALLOW_PLACEHOLDERS_CONTEXT = 'glimpse:allowPlaceholders';

const strings = new Map<string, string>();
const objects = new WeakMap<object, string>();

/** Marks `example` as a stand-in for the real value `what` describes, and returns it. */
export function placeholder<T extends string | object>(what: string, example: T): T {
  if (typeof example === 'string') {
    const known = strings.get(example);
    if (known !== undefined && known !== what) {
      throw new Error(`placeholder '${example}' already stands for '${known}': give '${what}' its own example value.`);
    }
    strings.set(example, what);
  } else {
    objects.set(example, what);
  }
  return example;
}

/** Every placeholder in `config`, as `<path>: <what> (placeholder <example>)`. */
export function findPlaceholders(config: unknown, path = ''): string[] {
  if (typeof config === 'string') {
    const what = strings.get(config);
    return what === undefined ? [] : [`${path}: ${what} (placeholder '${config}')`];
  }
  if (config === null || typeof config !== 'object') return [];
  const what = objects.get(config);
  if (what !== undefined) return [`${path}: ${what} (placeholder ${JSON.stringify(config)})`];
  return Object.entries(config).flatMap(([key, value]) => findPlaceholders(value, path ? `${path}.${key}` : key));
}

/**
 * Fails synthesis of `stack` while `config` holds placeholders, listing them,
 * unless the `glimpse:allowPlaceholders` context is `true`; then each is a warning.
 */
export function refusePlaceholders(stack: Stack, config: unknown): void {
  const found = findPlaceholders(config);
  if (found.length === 0) return;
  const allowed = [true, 'true'].includes(stack.node.tryGetContext(ALLOW_PLACEHOLDERS_CONTEXT));
  if (allowed) {
    for (const line of found) Annotations.of(stack).addWarningV2('glimpse:placeholder', `not deployable until set: ${line}`);
    return;
  }
  stack.node.addValidation({
    validate: () => [
      `${found.length} config values are placeholders; set them in apps/tracker/src/config.ts before deploying `
      + `(offline synth passes -c ${ALLOW_PLACEHOLDERS_CONTEXT}=true):\n  ${found.join('\n  ')}`,
    ],
  });
}
