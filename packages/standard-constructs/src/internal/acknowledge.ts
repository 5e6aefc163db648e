import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** The packs that share rule names, e.g. `HIPAA.Security-LambdaDLQ` and `NIST.800.53.R5-LambdaDLQ`. */
const HIPAA_AND_NIST = ['HIPAA.Security', 'NIST.800.53.R5'];

/** `rule` as both the HIPAA Security and the NIST 800-53 rev 5 packs name it. */
export function hipaaAndNist(rule: string): string[] {
  return HIPAA_AND_NIST.map((pack) => `${pack}-${rule}`);
}

/**
 * The one way the library acknowledges compliance findings: records `reason`
 * for each finding id on `scope` in the acknowledged-rules metadata that
 * cdk-nag and CDK policy validation read. Unlike
 * `Validations.of(scope).acknowledge()`, it accepts ids with more than one
 * `::`, such as `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/…]`.
 * Use it on the narrowest construct (the resource), never on a stack or app.
 */
export function acknowledge(scope: IConstruct, ids: string[], reason: string): void {
  const key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
  const previous = scope.node.metadata.filter((m) => m.type === key).pop()?.data ?? {};
  scope.node.addMetadata(key, { ...previous, ...Object.fromEntries(ids.map((id) => [id, reason])) });
}
