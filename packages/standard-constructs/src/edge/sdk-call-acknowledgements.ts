import { Stack, Validations } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { IConstruct } from 'constructs';
import { acknowledgeFinding } from '../internal/acknowledge-finding';

/** The construct id aws-cdk-lib gives the singleton function behind every `AwsCustomResource` of a stack. */
const SDK_CALL_FUNCTION_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

/**
 * Acknowledges the findings on aws-cdk-lib's `AwsCustomResource` function and
 * policy, which the library does not control and which only CloudFormation
 * invokes, synchronously, during deployments.
 */
export function acknowledgeSdkCallFunction(scope: IConstruct, resource: cr.AwsCustomResource): void {
  const policy = resource.node.tryFindChild('CustomResourcePolicy');
  if (policy) {
    for (const pack of ['HIPAA.Security', 'NIST.800.53.R5']) {
      Validations.of(policy).acknowledge({
        id: `${pack}-IAMNoInlinePolicy`,
        reason: 'aws-cdk-lib generates this policy for its AwsCustomResource; it allows only the declared read-only SDK call on this resource.',
      });
    }
  }
  const fn = Stack.of(scope).node.tryFindChild(SDK_CALL_FUNCTION_ID);
  if (!fn) return;
  const role = fn.node.tryFindChild('ServiceRole');
  if (role) {
    acknowledgeFinding(role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'aws-cdk-lib\'s AwsCustomResource function role: the basic execution policy only lets it write its own logs.');
  }
  const fnResource = fn.node.defaultChild ?? fn;
  Validations.of(fnResource).acknowledge(
    { id: 'AwsSolutions-L1', reason: 'aws-cdk-lib chooses the runtime of its AwsCustomResource function; it moves with aws-cdk-lib upgrades.' },
    ...['HIPAA.Security', 'NIST.800.53.R5'].flatMap((pack) => [
      { id: `${pack}-LambdaConcurrency`, reason: 'Only CloudFormation invokes this deployment-time function, a handful of times per deployment.' },
      { id: `${pack}-LambdaDLQ`, reason: 'CloudFormation invokes this function synchronously and reports failures itself; there are no asynchronous events to lose.' },
      { id: `${pack}-LambdaInsideVPC`, reason: 'The function only calls a regional AWS API; a VPC would add a NAT dependency and no isolation.' },
    ]),
  );
}
