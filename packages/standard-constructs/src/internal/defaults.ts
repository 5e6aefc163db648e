/**
 * Merges props in one documented order, as AWS Solutions Constructs'
 * `consolidateProps` does: the construct's defaults, overridden by what the
 * user gave (undefined fields do not count as given), overridden by what the
 * construct requires. One merge instead of `??` scattered through constructors.
 */
export function consolidate<T extends object>(defaults: T, user?: Partial<T>, required: Partial<T> = {}): T {
  const given = Object.fromEntries(Object.entries(user ?? {}).filter(([, value]) => value !== undefined));
  return { ...defaults, ...given, ...required } as T;
}
