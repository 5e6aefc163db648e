import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges one validation finding whose id contains `::` more than once,
 * such as `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/…]`,
 * which `Validations.acknowledge()` rejects. It records the same
 * acknowledged-rules metadata that `acknowledge()` writes.
 */
export function acknowledgeFinding(scope: IConstruct, id: string, reason: string): void {
  const key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
  const previous = scope.node.metadata.filter((m) => m.type === key).pop()?.data ?? {};
  scope.node.addMetadata(key, { ...previous, [id]: reason });
}
