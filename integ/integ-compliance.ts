import { CfnDeletionPolicy, CfnResource, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { GlimpseCompliance, StandardTags } from '@glimpse/standard-constructs';
import { IConstruct } from 'constructs';

/**
 * Integ stacks are throwaway test deployments, not releases: a fixed version
 * keeps their snapshots stable from commit to commit.
 */
const INTEG_VERSION = '0000000';

/** The organisation's required tags on an integ test stack. */
export function tagIntegStack(stack: Stack, component: string): void {
  StandardTags.apply(stack, {
    environment: 'integ',
    application: 'standard-constructs-integ',
    component,
    version: INTEG_VERSION,
    repository: 'https://github.com/glimpse-technology/platform-constructs/tree/main/integ',
  });
}

/** The resource a construct wraps (its CloudFormation resource), or the construct itself. */
function resourceOf(scope: IConstruct): IConstruct {
  return scope.node.defaultChild ?? scope;
}

/** Stateful resources an integ test deletes on purpose when it tears its stack down. */
export function acknowledgeDestroyed(...scopes: IConstruct[]): void {
  for (const scope of scopes) {
    Validations.of(resourceOf(scope)).acknowledge({
      id: 'Glimpse-StatefulResourceRetained',
      reason: 'Integ test stack, deleted after every run: RemovalPolicy.DESTROY is deliberate so no test data outlives it.',
    });
  }
}

/**
 * Makes every resource of an integ stack that would outlive it (retained, or
 * snapshotted like the data host's volume) deleted with it, for constructs
 * that offer no removal-policy prop for each of their parts. Call it last.
 * A deleted KMS key still waits out its pending window (7 to 30 days).
 * Returns how many resources it changed.
 */
export function destroyWithStack(stack: Stack): number {
  const kept = stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c)
    && c.cfnOptions.deletionPolicy !== undefined && c.cfnOptions.deletionPolicy !== CfnDeletionPolicy.DELETE);
  for (const resource of kept) resource.applyRemovalPolicy(RemovalPolicy.DESTROY);
  acknowledgeDestroyed(...kept);
  return kept.length;
}

/**
 * A stand-in for the consumer's network: public subnets, no flow logs (the
 * StandardVpc integ test covers those). Deleted with the test stack.
 */
export function acknowledgeFixtureVpc(vpc: ec2.Vpc): void {
  GlimpseCompliance.acknowledge(resourceOf(vpc), [
    'AwsSolutions-VPC7', 'HIPAA.Security-VPCFlowLogsEnabled', 'NIST.800.53.R5-VPCFlowLogsEnabled',
    'HIPAA.Security-VPCDefaultSecurityGroupClosed', 'NIST.800.53.R5-VPCDefaultSecurityGroupClosed',
  ], 'Fixture VPC of a throwaway integ stack standing in for the consumer\'s network; StandardVpc, with flow logs '
    + 'and a closed default security group, has its own integ test.');
  for (const subnet of vpc.publicSubnets) {
    GlimpseCompliance.acknowledge(resourceOf(subnet), [
      'HIPAA.Security-VPCSubnetAutoAssignPublicIpDisabled', 'NIST.800.53.R5-VPCSubnetAutoAssignPublicIpDisabled',
    ], 'Public subnet of the fixture VPC: the test\'s internet-facing parts (load balancer, NAT gateway or public tasks) live there.');
    GlimpseCompliance.acknowledge(subnet.node.findChild('DefaultRoute'), [
      'HIPAA.Security-VPCNoUnrestrictedRouteToIGW', 'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW',
    ], 'Public subnet of the fixture VPC: its default route to the internet gateway is what makes it public.');
  }
}

/**
 * A plain-HTTP, internet-facing test load balancer: the integ test has no
 * domain to hold a certificate, and the ALB is deleted with the stack.
 */
export function acknowledgeFixtureAlb(alb: elbv2.ApplicationLoadBalancer, listener: elbv2.ApplicationListener): void {
  GlimpseCompliance.acknowledge(resourceOf(alb), [
    'AwsSolutions-ELB2', 'HIPAA.Security-ELBLoggingEnabled', 'NIST.800.53.R5-ELBLoggingEnabled',
    'HIPAA.Security-ELBDeletionProtectionEnabled', 'NIST.800.53.R5-ELBDeletionProtectionEnabled', 'NIST.800.53.R5-ALBWAFEnabled',
  ], 'Fixture load balancer of a throwaway integ stack: deleted after the run, so no deletion protection; it serves '
    + 'only the test\'s own requests, so no access logs or WAF (StandardWebAcl has its own integ test).');
  GlimpseCompliance.acknowledge(resourceOf(alb.connections.securityGroups[0]), ['AwsSolutions-EC23'],
    'Fixture load balancer of a throwaway integ stack, reached from the internet on port 80 by the test.');
  GlimpseCompliance.acknowledge(resourceOf(listener), [
    'HIPAA.Security-ALBHttpToHttpsRedirection', 'NIST.800.53.R5-ALBHttpToHttpsRedirection',
    'HIPAA.Security-ELBv2ACMCertificateRequired', 'NIST.800.53.R5-ELBv2ACMCertificateRequired',
  ], 'Plain-HTTP listener of a throwaway integ stack: the test has no domain to hold an ACM certificate.');
}
