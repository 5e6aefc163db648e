/**
 * The accounts the templates live in, and the organisation that holds them:
 * every account a loaded stack deploys to is a member, plus one more member
 * no stack names (where StackSet instances are proven); OUTSIDER is not.
 */
import { loadAllStacks, MEMBER_ACCOUNT } from './templates';

/** An account outside the organisation and every account list. */
export const OUTSIDER_ACCOUNT = '999999999999';

let orgId: string | undefined;

/** The organisation id the templates' `aws:PrincipalOrgID` conditions name (exactly one). */
export function ORG_ID(): string {
  if (orgId) return orgId;
  const found = new Set<string>();
  for (const stack of loadAllStacks()) {
    JSON.stringify(stack.template, (key, value) => {
      if (key === 'aws:PrincipalOrgID') [value].flat().forEach((v) => typeof v === 'string' && found.add(v));
      return value;
    });
  }
  if (found.size !== 1) throw new Error(`expected one organisation id in the templates, found: ${[...found].join(', ') || 'none'}`);
  orgId = [...found][0];
  return orgId;
}

export function inOrganisation(account: string): boolean {
  return account !== OUTSIDER_ACCOUNT && (account === MEMBER_ACCOUNT || loadAllStacks().some((s) => s.env.account === account));
}

/** A role in `account` whose identity policy allows everything: proves what a resource policy alone denies. */
export function administrator(account: string): { arn: string; identityPolicies: Array<{ name: string; policy: { Version: string; Statement: Array<{ Effect: string; Action: string; Resource: string }> } }> } {
  return {
    arn: `arn:aws:iam::${account}:role/Administrator`,
    identityPolicies: [{ name: 'AdministratorAccess', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
  };
}
