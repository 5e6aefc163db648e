/**
 * IAM flows the platform depends on at run time, discovered from the
 * synthesized templates and proven with a real policy evaluator.
 */
import { describe } from 'node:test';
import { alarmActionRequests } from './alarm-flows';
import { containerLogRequests, containerSecretRequests, efsMountRequests, execRequests, imagePullRequests } from './container-flows';
import { hosts } from './data-host-flows';
import * as denials from './denials';
import { expectFlows } from './harness';
import { lambdaFunctionRequests, snsSubscriptionRequests } from './lambda-flows';
import { albAccessLogRequests, flowLogRequests, logGroupKeyRequests, wafLogRequests } from './log-delivery-flows';
import { PolicyIndex } from './policy-index';
import { loadAllStacks } from './templates';

const index = new PolicyIndex(loadAllStacks());

describe('must be allowed', () => {
  expectFlows(index, 'CloudWatch publishes each alarm action (and uses its topic key)', () => alarmActionRequests(index), 'Allowed');
  expectFlows(index, 'SNS invokes each subscribed function and dead-letters its deliveries', () => snsSubscriptionRequests(index), 'Allowed');
  expectFlows(index, 'functions read their secrets, write their logs, dead-letter', () => lambdaFunctionRequests(index), 'Allowed');
  expectFlows(index, 'task execution roles pull their images across accounts', () => imagePullRequests(index), 'Allowed');
  expectFlows(index, 'task execution roles write their awslogs log groups', () => containerLogRequests(index), 'Allowed');
  expectFlows(index, 'task execution roles read their container secrets and keys', () => containerSecretRequests(index), 'Allowed');
  expectFlows(index, 'task roles mount their EFS volumes', () => efsMountRequests(index), 'Allowed');
  expectFlows(index, 'task roles of ECS Exec services open channels, log and encrypt', () => execRequests(index), 'Allowed');
  expectFlows(index, 'hosts read their configuration, assets and secrets, put metrics and logs', () => hosts(index).flatMap((h) => h.requests), 'Allowed');
  expectFlows(index, 'CloudWatch Logs uses each log group key', () => logGroupKeyRequests(index), 'Allowed');
  expectFlows(index, 'VPC flow logs reach their destination', () => flowLogRequests(index), 'Allowed');
  expectFlows(index, 'WAF logs reach their encrypted log group', () => wafLogRequests(index), 'Allowed');
  expectFlows(index, 'ALB access logs reach their bucket', () => albAccessLogRequests(index), 'Allowed');
});

describe('must be denied', () => {
  expectFlows(index, 'pull-only accounts cannot push', () => denials.pullOnlyPushRequests(index), 'Denied');
  expectFlows(index, 'accounts outside the organisation and lists cannot pull', () => denials.outsiderPullRequests(index), 'Denied');
  expectFlows(index, 'only the forwarder roles read the shared webhook secret', () => denials.sharedSecretOtherReaderRequests(index), 'Denied');
  expectFlows(index, 'no topic accepts a publish without TLS', () => denials.plainHttpPublishRequests(index), 'Denied');
  expectFlows(index, 'no other role reads a host\'s secrets', () => denials.hostSecretOtherRoleRequests(index), 'Denied');
});
