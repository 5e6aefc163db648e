/**
 * Runs flows as node:test cases: one case per flow, named by the flow and the
 * decision it must get; a failure prints the principal, action, resource and
 * the evaluator's account of every statement.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Decision, evaluate, Request } from './evaluate';
import { PolicyDocument, PolicyIndex } from './policy-index';

export type Expected = 'Allowed' | 'Denied';

/** Counts per expectation, printed at the end of the run. */
export const tally: Record<Expected, number> = { Allowed: 0, Denied: 0 };

function without(policy: PolicyDocument, indexes: number[]): PolicyDocument {
  const statements = [policy.Statement].flat();
  return { ...policy, Statement: statements.filter((_, i) => !indexes.includes(i + 1)) };
}

/**
 * The flow must stop working once the statements that grant it are removed:
 * proves the decision rests on our policies (not on an evaluator default),
 * and that no second statement grants it unseen.
 */
async function assertNeedsItsGrants(index: PolicyIndex, decision: Decision): Promise<void> {
  const { request, grants } = decision;
  const own = request.principal.endsWith('.amazonaws.com') ? [] : request.identityPolicies ?? index.identityPolicies(request.principal);
  const resourcePolicy = index.resourcePolicy(request.resource);
  const stripped = await evaluate(index, {
    ...request,
    identityPolicies: own.map((p) => ({ name: p.name, policy: without(p.policy, grants.identity[p.name] ?? []) })),
    resourcePolicy: resourcePolicy ? without(resourcePolicy, grants.resource) : null,
  });
  assert.notEqual(stripped.result, 'Allowed', `${request.name}\n  still allowed once its granting statements are removed:\n${stripped.explanation}`);
}

/**
 * Runs `discover` and adds a test that it found something: a template the
 * discovery cannot read fails as one named test, not the whole run, and an
 * empty template cannot pass.
 */
export function discovered<T>(kind: string, noun: string, discover: () => T[]): T[] {
  let found: T[] = [];
  let failure: unknown;
  try {
    found = discover();
  } catch (error) {
    failure = error;
  }
  it(`${kind}: discovers at least one ${noun}`, () => {
    if (failure) throw failure;
    assert.ok(found.length > 0, `${kind}: no ${noun} found in the templates`);
  });
  return found;
}

export function expectFlows(index: PolicyIndex, kind: string, discover: () => Request[], expected: Expected): void {
  const requests = discovered(kind, 'flow', discover);
  for (const request of requests) {
    it(`${expected === 'Allowed' ? 'ALLOW' : 'DENY '} ${request.name}`, async () => {
      const decision = await evaluate(index, request);
      const ok = expected === 'Allowed' ? decision.result === 'Allowed' : decision.result === 'ImplicitlyDenied' || decision.result === 'ExplicitlyDenied';
      assert.ok(ok, `${request.name}\n  expected ${expected}, evaluator says ${decision.result}\n${decision.explanation}`);
      if (expected === 'Allowed') await assertNeedsItsGrants(index, decision);
      tally[expected]++;
    });
  }
}
