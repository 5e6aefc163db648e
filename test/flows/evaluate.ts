/**
 * One request, evaluated by @cloud-copilot/iam-simulate against the identity
 * policies of the principal and the resource (or key) policy of the target,
 * with the request context AWS would send.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { StatementAnalysis } from '@cloud-copilot/iam-simulate/dist/cjs/StatementAnalysis';
import { authorizeWithFullContext } from './core-engine';
import { PolicyDocument, PolicyIndex } from './policy-index';
import { ORG_ID, inOrganisation } from './world';

export interface Request {
  /** Names the flow in the output: what, from where, to where. */
  readonly name: string;
  /** A role ARN or a service principal (`cloudwatch.amazonaws.com`). */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Keys beyond the ones derived from the principal (aws:SourceArn, kms:ViaService, ...). */
  readonly context?: Record<string, string | string[]>;
  /** Identity policies to use instead of the principal's own (e.g. an administrator's). */
  readonly identityPolicies?: Array<{ name: string; policy: PolicyDocument }>;
  /** Whether the request is sent over TLS. @default true */
  readonly secureTransport?: boolean;
  /** A resource policy to use instead of the target's own (`null`: none). */
  readonly resourcePolicy?: PolicyDocument | null;
}

/** The statements that granted an allowed request: identity policy name → statement indexes (from 1), and resource policy indexes. */
export interface Grants {
  readonly identity: Record<string, number[]>;
  readonly resource: number[];
}

export interface Decision {
  readonly request: Request;
  readonly result: string;
  /** Principal, action, resource, the deciding policies and why: printed when an expectation fails. */
  readonly explanation: string;
  readonly grants: Grants;
}

const SERVICE = /\.amazonaws\.com$/;
/** Context keys the validated path of the evaluator drops (see core-engine.ts). */
const ENCRYPTION_CONTEXT = /^kms:EncryptionContext:/i;

export function accountOfArn(arn: string): string {
  const account = arn.split(':')[4];
  if (!/^\d{12}$/.test(account ?? '')) throw new Error(`no account in ARN ${arn}`);
  return account;
}

/** The account that owns `resource` (S3 bucket ARNs carry none: the index knows it). */
function resourceAccount(index: PolicyIndex, resource: string, principal: string): string {
  if (resource === '*') return SERVICE.test(principal) ? '000000000000' : accountOfArn(principal);
  const bucket = /^(arn:[^:]+:s3:::[^/]+)/.exec(resource)?.[1];
  if (bucket) {
    const located = index.find(bucket);
    const named = /-(\d{12})-[a-z]+-[a-z]+-\d$/.exec(bucket)?.[1];
    const account = located?.stack.env.account ?? named;
    if (!account) throw new Error(`no loaded stack declares bucket ${bucket}`);
    return account;
  }
  return accountOfArn(resource);
}

function principalContext(principal: string, secure: boolean): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = { 'aws:SecureTransport': String(secure), 'aws:CurrentTime': '2026-01-01T00:00:00Z' };
  if (SERVICE.test(principal)) return { ...context, 'aws:PrincipalServiceName': principal };
  const account = accountOfArn(principal);
  return {
    ...context,
    'aws:PrincipalArn': principal,
    'aws:PrincipalAccount': account,
    'aws:PrincipalType': 'AssumedRole',
    ...(inOrganisation(account) ? { 'aws:PrincipalOrgID': ORG_ID() } : {}),
  };
}

export async function evaluate(index: PolicyIndex, request: Request): Promise<Decision> {
  const resourcePolicy = request.resourcePolicy === undefined ? index.resourcePolicy(request.resource) : request.resourcePolicy ?? undefined;
  const identityPolicies = SERVICE.test(request.principal) ? [] : request.identityPolicies ?? index.identityPolicies(request.principal);
  const context = { ...principalContext(request.principal, request.secureTransport ?? true), ...request.context };
  const account = resourceAccount(index, request.resource, request.principal);
  const response = await runSimulation({
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: account },
      contextVariables: context,
    },
    identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy,
  }, {});
  if (response.resultType === 'error') {
    return { request, result: 'SimulationError', explanation: `${describe(request, context)}\n  errors: ${JSON.stringify(response.errors, null, 2)}`, grants: { identity: {}, resource: [] } };
  }
  const fullContext = Object.keys(context).some((key) => ENCRYPTION_CONTEXT.test(key));
  const analysis = fullContext
    ? authorizeWithFullContext({ ...request, resourceAccount: account, context, identityPolicies, resourcePolicy })
    : response.resultType === 'single' ? response.result.analysis : response.results[0]?.analysis;
  const result = fullContext ? analysis!.result : response.overallResult;
  const lines = [
    describe(request, context),
    `  identity policies: ${identityPolicies.map((p) => p.name).join(', ') || '(none)'}`,
    `  resource policy: ${resourcePolicy ? JSON.stringify(resourcePolicy) : '(none)'}`,
    `  identity: ${analysis?.identityAnalysis?.result ?? '-'}, resource: ${analysis?.resourceAnalysis?.result ?? '-'}`,
    ...explainStatements('denied by', [...(analysis?.identityAnalysis?.denyStatements ?? []), ...(analysis?.resourceAnalysis?.denyStatements ?? [])]),
    ...explainStatements('allowed by', [...(analysis?.identityAnalysis?.allowStatements ?? []), ...(analysis?.resourceAnalysis?.allowStatements ?? [])]),
    ...explainStatements('no match', [...(analysis?.identityAnalysis?.unmatchedStatements ?? []), ...(analysis?.resourceAnalysis?.unmatchedStatements ?? [])]),
  ];
  const identity: Record<string, number[]> = {};
  for (const s of analysis?.identityAnalysis?.allowStatements ?? []) (identity[s.policyId] ??= []).push(s.statement.index());
  const grants = { identity, resource: (analysis?.resourceAnalysis?.allowStatements ?? []).map((s) => s.statement.index()) };
  return { request, result, explanation: lines.join('\n'), grants };
}

function describe(request: Request, context: Record<string, unknown>): string {
  return `  principal: ${request.principal}\n  action: ${request.action}\n  resource: ${request.resource}\n  context: ${JSON.stringify(context)}`;
}

function explainStatements(label: string, statements: StatementAnalysis[]): string[] {
  return statements.map((s) => `  ${label}: ${s.policyId ?? 'resource policy'} ${s.statement.sid() ?? `#${s.statement.index()}`} `
    + `(action ${s.actionMatch}, resource ${s.resourceMatch}, principal ${s.principalMatch}, conditions ${s.conditionMatch})`);
}
