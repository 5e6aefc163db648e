import { Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { IConstruct } from 'constructs';
import { acknowledge, hipaaAndNist } from '../internal/acknowledge';

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
    acknowledge(policy, hipaaAndNist('IAMNoInlinePolicy'),
      'aws-cdk-lib generates this policy for its AwsCustomResource; it allows only the declared read-only SDK call on this resource.');
  }
  const fn = Stack.of(scope).node.tryFindChild(SDK_CALL_FUNCTION_ID);
  if (!fn) return;
  const role = fn.node.tryFindChild('ServiceRole');
  if (role) {
    acknowledge(role,
      ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]'],
      'aws-cdk-lib\'s AwsCustomResource function role: the basic execution policy only lets it write its own logs.');
  }
  const fnResource = fn.node.defaultChild ?? fn;
  acknowledge(fnResource, ['AwsSolutions-L1'], 'aws-cdk-lib chooses the runtime of its AwsCustomResource function; it moves with aws-cdk-lib upgrades.');
  acknowledge(fnResource, hipaaAndNist('LambdaConcurrency'), 'Only CloudFormation invokes this deployment-time function, a handful of times per deployment.');
  acknowledge(fnResource, hipaaAndNist('LambdaDLQ'),
    'CloudFormation invokes this function synchronously and reports failures itself; there are no asynchronous events to lose.');
  acknowledge(fnResource, hipaaAndNist('LambdaInsideVPC'), 'The function only calls a regional AWS API; a VPC would add a NAT dependency and no isolation.');
}
