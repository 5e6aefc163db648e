import { CfnResource, Stack } from 'aws-cdk-lib';
import { NagRules } from 'cdk-nag';
import { IConstruct } from 'constructs';

/** The fully resolved CloudFormation value of a property (tokens become intrinsics). */
export function resolve(node: CfnResource, value: unknown): any {
  return Stack.of(node).resolve(value);
}

interface StackIndex {
  readonly resources: CfnResource[];
  readonly derived: Map<string, unknown>;
}

/**
 * Each stack's resources, found once per validation: the tree no longer
 * changes while a pack checks it, and walking the whole stack for every rule
 * and resource made a few rules cost as much as a whole cdk-nag pack.
 */
let validationIndex: Map<Stack, StackIndex> | undefined;

/** Runs `check` (a pack's validation of a finished tree) with each stack's resources indexed once. */
export function withStackIndex<T>(check: () => T): T {
  const outer = validationIndex;
  validationIndex = new Map();
  try {
    return check();
  } finally {
    validationIndex = outer;
  }
}

function stackIndex(node: CfnResource): StackIndex {
  const stack = Stack.of(node);
  const cached = validationIndex?.get(stack);
  if (cached) return cached;
  const resources = stack.node.findAll()
    .filter((c: IConstruct): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
  const index: StackIndex = { resources, derived: new Map() };
  validationIndex?.set(stack, index);
  return index;
}

/** The CfnResources of `node`'s own stack (nested stacks and stages excluded). */
export function stackResources(node: CfnResource): CfnResource[] {
  return stackIndex(node).resources;
}

/**
 * What `compute` derives from the resources of `node`'s stack, computed once
 * per stack and validation under the name `key` (afresh outside a validation).
 */
export function perStack<T>(node: CfnResource, key: string, compute: (resources: CfnResource[]) => T): T {
  const index = stackIndex(node);
  if (!index.derived.has(key)) index.derived.set(key, compute(index.resources));
  return index.derived.get(key) as T;
}

function resourceWithLogicalId(node: CfnResource, logicalId: string): CfnResource | undefined {
  const byLogicalId = perStack(node, 'resources by logical id', (resources) =>
    new Map(resources.map((r) => [resolve(r, r.logicalId) as string, r])));
  return byLogicalId.get(logicalId);
}

/**
 * The resource of the same stack that `value` (a Ref or Fn::GetAtt) points to,
 * or undefined when it is a literal or lives elsewhere.
 */
export function referencedResource(node: CfnResource, value: unknown): CfnResource | undefined {
  const resolved = resolve(node, value);
  if (resolved === undefined || typeof resolved === 'string') return undefined;
  const logicalId = NagRules.resolveResourceFromIntrinsic(node, value);
  if (typeof logicalId !== 'string') return undefined;
  return resourceWithLogicalId(node, logicalId);
}

/**
 * A stable key for "the same thing" in a resolved property: the logical id of
 * a referenced resource, else the JSON of the literal. Undefined stays undefined.
 */
export function referenceKey(node: CfnResource, value: unknown): string | undefined {
  if (resolve(node, value) === undefined) return undefined;
  return JSON.stringify(NagRules.resolveResourceFromIntrinsic(node, value));
}

const TOKEN_PLACEHOLDER = '${token}';

/**
 * A resolved value flattened to text: literal strings kept, intrinsics that
 * cannot be known at synth time replaced by `${token}`. Fn::Join, Fn::Sub and
 * Fn::Base64 are unwrapped so the literal parts (what a human wrote) can be read.
 */
export function flattenToText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(flattenToText).join('');
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const join = obj['Fn::Join'];
    if (Array.isArray(join) && join.length === 2 && Array.isArray(join[1])) {
      return join[1].map(flattenToText).join(typeof join[0] === 'string' ? join[0] : '');
    }
    const sub = obj['Fn::Sub'];
    if (typeof sub === 'string') return sub;
    if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
    if ('Fn::Base64' in obj) return flattenToText(obj['Fn::Base64']);
  }
  return TOKEN_PLACEHOLDER;
}
