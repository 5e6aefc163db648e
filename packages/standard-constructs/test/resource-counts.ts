import { Template } from 'aws-cdk-lib/assertions';

/**
 * How many resources of each type a template holds, sorted by type: a test
 * that compares it with a literal notices a resource that appears or goes.
 */
export function resourceCounts(template: Template, filter: (logicalId: string) => boolean = () => true): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [id, resource] of Object.entries(template.toJSON().Resources as Record<string, { Type: string }>)) {
    if (filter(id)) counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
