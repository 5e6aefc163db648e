/**
 * IAM flows the platform depends on at run time, discovered from the
 * synthesized templates and proven with a real policy evaluator.
 */
import { describe } from 'node:test';
import { alarmActionRequests } from './alarm-flows';
import { expectFlows } from './harness';
import { PolicyIndex } from './policy-index';
import { loadAllStacks } from './templates';

const index = new PolicyIndex(loadAllStacks());

describe('alarm actions', () => {
  expectFlows(index, 'CloudWatch publishes each alarm action', alarmActionRequests(index), 'Allowed');
});
