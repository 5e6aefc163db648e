/**
 * Runs flows as node:test cases: one case per flow, named by the flow and the
 * decision it must get; a failure prints the principal, action, resource and
 * the evaluator's account of every statement.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { evaluate, Request } from './evaluate';
import { PolicyIndex } from './policy-index';

export type Expected = 'Allowed' | 'Denied';

/** Counts per expectation, printed at the end of the run. */
export const tally: Record<Expected, number> = { Allowed: 0, Denied: 0 };

export function expectFlows(index: PolicyIndex, kind: string, requests: Request[], expected: Expected): void {
  it(`${kind}: discovers at least one flow`, () => {
    assert.ok(requests.length > 0, `${kind}: no flow found in the templates (an empty template must not pass)`);
  });
  for (const request of requests) {
    it(`${expected === 'Allowed' ? 'ALLOW' : 'DENY '} ${request.name}`, async () => {
      const decision = await evaluate(index, request);
      const ok = expected === 'Allowed' ? decision.result === 'Allowed' : decision.result === 'ImplicitlyDenied' || decision.result === 'ExplicitlyDenied';
      assert.ok(ok, `${request.name}\n  expected ${expected}, evaluator says ${decision.result}\n${decision.explanation}`);
      tally[expected]++;
    });
  }
}
