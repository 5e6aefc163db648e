import { CfnResource } from 'aws-cdk-lib';
import { CfnCluster, CfnClusterCapacityProviderAssociations, CfnService } from 'aws-cdk-lib/aws-ecs';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { referenceKey, resolve, stackResources } from '../private/cfn';
import { GlimpseRule } from '../private/rule';

interface StrategyItem {
  readonly capacityProvider?: string;
}

function usesSpot(strategy: StrategyItem[] | undefined): boolean {
  return (strategy ?? []).some((s) => s.capacityProvider === 'FARGATE_SPOT');
}

/** The cluster's default strategy, which a service with neither launch type nor strategy uses. */
function clusterDefaultUsesSpot(service: CfnService): boolean {
  const cluster = referenceKey(service, service.cluster);
  return stackResources(service).some((r) => {
    if (r instanceof CfnClusterCapacityProviderAssociations) {
      return referenceKey(r, r.cluster) === cluster && usesSpot(resolve(r, r.defaultCapacityProviderStrategy));
    }
    if (r instanceof CfnCluster) {
      return JSON.stringify(resolve(r, r.logicalId)) === cluster && usesSpot(resolve(r, r.defaultCapacityProviderStrategy));
    }
    return false;
  });
}

/** Services behind a load balancer (web services) do not run on Fargate Spot. */
export const WebServiceNotOnSpot: GlimpseRule = {
  id: 'WebServiceNotOnSpot',
  info: 'The ECS service is behind a load balancer and can run on FARGATE_SPOT capacity.',
  explanation: 'Spot tasks are interrupted with two minutes\' notice; user-facing web services must stay available, so Spot is '
    + 'for interruption-tolerant workers only (ECS-008).',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnService)) return NagRuleCompliance.NOT_APPLICABLE;
    const loadBalancers: unknown[] | undefined = resolve(node, node.loadBalancers);
    if (!loadBalancers || loadBalancers.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const strategy: StrategyItem[] | undefined = resolve(node, node.capacityProviderStrategy);
    const spot = strategy && strategy.length > 0
      ? usesSpot(strategy)
      : resolve(node, node.launchType) === undefined && clusterDefaultUsesSpot(node);
    return spot ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};
