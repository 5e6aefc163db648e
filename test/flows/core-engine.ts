/**
 * iam-simulate's evaluation core, called directly for requests whose context
 * carries `kms:EncryptionContext:<key>` values: the validated `runSimulation`
 * of the pinned version only keeps variable context keys written
 * `service:Key/variable`, so it drops `kms:EncryptionContext:aws:logs:arn`
 * and every key policy condition on it would fail as "missing". The core
 * evaluates exactly what it is given (policies are validated by a
 * `runSimulation` of the same request first).
 */
import * as path from 'path';
import type { RequestAnalysis } from '@cloud-copilot/iam-simulate';

const dist = path.dirname(require.resolve('@cloud-copilot/iam-simulate'));
/* eslint-disable @typescript-eslint/no-require-imports */
const { authorize } = require(path.join(dist, 'core_engine/CoreSimulatorEngine.js'));
const { AwsRequestImpl } = require(path.join(dist, 'request/request.js'));
const { RequestContextImpl } = require(path.join(dist, 'requestContext.js'));
const { DiscoveryContextKeyConstraints } = require(path.join(dist, 'context_keys/discoveryContextKeyConstraints.js'));
const { loadPolicy } = require(require.resolve('@cloud-copilot/iam-policy', { paths: [dist] }));

export interface CoreRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly context: Record<string, string | string[]>;
  readonly identityPolicies: Array<{ name: string; policy: unknown }>;
  readonly resourcePolicy?: unknown;
}

export function authorizeWithFullContext(req: CoreRequest): RequestAnalysis {
  return authorize({
    request: new AwsRequestImpl(req.principal, { resource: req.resource, accountId: req.resourceAccount }, req.action, new RequestContextImpl(req.context)),
    sessionPolicy: undefined,
    identityPolicies: req.identityPolicies.map((p) => loadPolicy(p.policy, { name: p.name })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: req.resourcePolicy ? loadPolicy(req.resourcePolicy, { name: 'ResourcePolicy' }) : undefined,
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: {} },
  });
}
