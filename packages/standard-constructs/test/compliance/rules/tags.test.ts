import { Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { REQUIRED_TAG_KEYS, StandardTags } from '../../../src/tagging';
import { glimpseFindings, ruleFindings } from '../glimpse-findings';

const SHA = '4f3ebae951a368bda79d84632a831a4f266b1bed';

describe('Glimpse-RequiredTags', () => {
  test('compliant: StandardTags on the stack tags every taggable resource', () => {
    const findings = glimpseFindings((stack) => {
      new sqs.Queue(stack, 'Queue', { enforceSSL: true });
      new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
      StandardTags.apply(stack, {
        environment: 'staging',
        application: 'tracker',
        component: 'api',
        version: SHA,
        repository: 'https://github.com/glimpse-technology/platform-constructs',
      });
    });
    expect(ruleFindings(findings, 'RequiredTags')).toEqual([]);
  });

  test('non-compliant: one finding per missing key, on the resource', () => {
    const findings = glimpseFindings((stack) => {
      const queue = new sqs.Queue(stack, 'Queue', { enforceSSL: true });
      Tags.of(queue).add('Environment', 'staging');
      Tags.of(queue).add('Application', 'tracker');
      Tags.of(queue).add('Component', 'api');
    });
    expect(ruleFindings(findings, 'RequiredTags')).toEqual([
      'Glimpse-RequiredTags[Version] Test/Queue/Resource',
      'Glimpse-RequiredTags[Repository] Test/Queue/Resource',
    ]);
  });

  test('requires exactly the tagging module\'s required keys', () => {
    const findings = glimpseFindings((stack) => {
      new sqs.Queue(stack, 'Queue', { enforceSSL: true });
    });
    expect(ruleFindings(findings, 'RequiredTags')).toEqual(REQUIRED_TAG_KEYS.map((key) => `Glimpse-RequiredTags[${key}] Test/Queue/Resource`));
  });

  test('not applicable: resources that cannot be tagged', () => {
    const findings = glimpseFindings((stack) => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-2:111111111111:q'] }));
      Tags.of(role).add('Environment', 'x');
      Tags.of(role).add('Application', 'x');
      Tags.of(role).add('Component', 'x');
      Tags.of(role).add('Version', SHA);
      Tags.of(role).add('Repository', 'x');
    });
    // AWS::IAM::Policy has no tags; only the role is checked and it is complete.
    expect(ruleFindings(findings, 'RequiredTags')).toEqual([]);
  });
});
