import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges findings on one construct, including ids with more than one
 * `::` (IAM5 resource ARNs, IAM4 managed policies) that
 * `Validations.acknowledge()` rejects. Writes the same acknowledged-rules
 * metadata `acknowledge()` does, so the packs and the report read it.
 */
export function acknowledgeFindings(scope: IConstruct, ids: string[], reason: string): void {
  const key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
  const previous = scope.node.metadata.filter((m) => m.type === key).pop()?.data ?? {};
  scope.node.addMetadata(key, { ...previous, ...Object.fromEntries(ids.map((id) => [id, reason])) });
}
