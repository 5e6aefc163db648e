import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeSdkCallFunction } from '../edge/sdk-call-acknowledgements';
import { acknowledge } from '../internal/acknowledge';
import { iam5ResourceFinding } from '../internal/nag-findings';
import { assertMatches } from '../internal/validation';

/** How this VPC resolves the peer VPC's private names. */
export interface PeerDnsOptions {
  /** This side's VPC. */
  readonly vpc: ec2.IVpc;
  /** The peering connection whose accepter side (the peer) gets the DNS option. */
  readonly peeringConnectionId: string;
  /** Turn on `AllowDnsResolutionFromRemoteVpc` on the peer's side. */
  readonly resolvePeerHostnames: boolean;
  /** Private hosted zones to associate with this VPC. */
  readonly privateHostedZoneIds: string[];
  /** A role in the peer account to change the peer's side with; undefined for one account. */
  readonly peerRole?: iam.IRole;
  /** The peer VPC's region. */
  readonly peerRegion?: string;
}

const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/** Validates the hosted zone ids before any resource exists. */
export function assertHostedZoneIds(scope: Construct, zoneIds: readonly string[]): void {
  for (const zoneId of zoneIds) {
    assertMatches(scope, 'peerPrivateHostedZoneIds', zoneId, HOSTED_ZONE_ID, 'A hosted zone id looks like Z0123456789ABCDEFGHIJ.');
  }
}

/**
 * Makes the peer's private names resolve from this VPC. CloudFormation's
 * `AWS::EC2::VPCPeeringConnection` has no peering options and Route 53 has
 * no resource for associating an existing zone with another VPC, so both are
 * SDK calls that run on deploy and are undone on removal.
 */
export class PeerDns extends Construct {
  constructor(scope: Construct, id: string, options: PeerDnsOptions) {
    super(scope, id);
    const stack = Stack.of(this);
    if (options.resolvePeerHostnames) {
      // The accepter's option lets the accepter's (the peer's) AWS-provided private host names resolve from the requester (this VPC).
      const dnsOption = (allow: boolean): cr.AwsSdkCall => ({
        service: 'EC2',
        action: 'modifyVpcPeeringConnectionOptions',
        parameters: {
          VpcPeeringConnectionId: options.peeringConnectionId,
          AccepterPeeringConnectionOptions: { AllowDnsResolutionFromRemoteVpc: allow },
        },
        region: options.peerRegion,
        assumedRoleArn: options.peerRole?.roleArn,
        physicalResourceId: cr.PhysicalResourceId.of(`${options.peeringConnectionId}-accepter-dns`),
      });
      const peeringArn = stack.formatArn({
        service: 'ec2', region: options.peerRegion, resource: 'vpc-peering-connection', resourceName: options.peeringConnectionId,
      });
      const call = new cr.AwsCustomResource(this, 'AccepterDnsResolution', {
        onCreate: dnsOption(true),
        onUpdate: dnsOption(true),
        onDelete: dnsOption(false),
        policy: cr.AwsCustomResourcePolicy.fromStatements([options.peerRole
          ? new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [options.peerRole.roleArn] })
          : new iam.PolicyStatement({ actions: ['ec2:ModifyVpcPeeringConnectionOptions'], resources: [peeringArn] })]),
        installLatestAwsSdk: false,
      });
      acknowledgeSdkCallFunction(this, call);
    }
    options.privateHostedZoneIds.forEach((zoneId, i) => {
      const association = (action: string): cr.AwsSdkCall => ({
        service: 'Route53',
        action,
        parameters: { HostedZoneId: zoneId, VPC: { VPCId: options.vpc.vpcId, VPCRegion: stack.region } },
        physicalResourceId: cr.PhysicalResourceId.of(`${zoneId}-${options.vpc.vpcId}`),
      });
      const zoneArn = stack.formatArn({ service: 'route53', region: '', account: '', resource: 'hostedzone', resourceName: zoneId });
      const call = new cr.AwsCustomResource(this, `ZoneAssociation${i + 1}`, {
        onCreate: association('associateVPCWithHostedZone'),
        onDelete: association('disassociateVPCFromHostedZone'),
        policy: cr.AwsCustomResourcePolicy.fromStatements([
          new iam.PolicyStatement({ actions: ['route53:AssociateVPCWithHostedZone', 'route53:DisassociateVPCFromHostedZone'], resources: [zoneArn] }),
          // Route 53 checks the VPC with DescribeVpcs, which has no resource-level permissions.
          new iam.PolicyStatement({ actions: ['ec2:DescribeVpcs'], resources: ['*'] }),
        ]),
        installLatestAwsSdk: false,
      });
      const policy = call.node.tryFindChild('CustomResourcePolicy');
      if (policy) {
        acknowledge(policy, [iam5ResourceFinding(policy, '*')],
          'ec2:DescribeVpcs, which Route 53 calls to check the VPC, has no resource-level permissions.');
      }
      acknowledgeSdkCallFunction(this, call);
    });
  }
}
