import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { cidrPrefixLength, cidrsOverlap } from './cidr';
import { assertHostedZoneIds, PeerDns } from './peer-dns';
import { assertAccountIds, assertMatches, invalidProp } from '../internal/validation';

/** Properties of a `VpcPeering`. */
export interface VpcPeeringProps {
  /** This side's VPC, which requests the peering. */
  readonly vpc: ec2.IVpc;
  /**
   * This VPC's CIDR block as a literal, to check it against `peerCidr` at
   * synth time and to write the return routes (e.g. `StandardVpc.cidr`).
   * @default - `vpc.vpcCidrBlock`; the overlap is then checked only if it is a literal
   */
  readonly vpcCidr?: string;
  /** The existing VPC to peer with, e.g. `vpc-0123456789abcdef0`. */
  readonly peerVpcId: string;
  /** The peer VPC's CIDR block; the only destination the routes send through the peering. */
  readonly peerCidr: string;
  /**
   * The account that owns the peer VPC.
   * @default - this stack's account (the peering is then accepted automatically)
   */
  readonly peerOwnerId?: string;
  /**
   * The peer VPC's region.
   * @default - this stack's region
   */
  readonly peerRegion?: string;
  /**
   * A role in the peer account that may accept the peering; required for another account.
   * @default - none (same account)
   */
  readonly peerRole?: iam.IRole;
  /**
   * This VPC's subnets that get a route to `peerCidr`.
   * @default - the private subnets (with egress, else isolated)
   */
  readonly subnets?: ec2.SubnetSelection;
  /**
   * Route tables of the peer VPC that get the return route to this VPC's
   * CIDR; only for a peer VPC in this account.
   * @default - none: the peer's owner adds the return routes
   */
  readonly peerRouteTableIds?: string[];
  /**
   * Let the peer VPC's AWS-provided private host names (EC2 instances, RDS and
   * ElastiCache endpoints) resolve to their private addresses from this VPC:
   * `AllowDnsResolutionFromRemoteVpc` on the peer's (accepter's) side, set by
   * an SDK call on deploy (CloudFormation's peering resource has no options).
   * For a peer in another account, `peerRole` must also allow
   * `ec2:ModifyVpcPeeringConnectionOptions`.
   * @default false
   */
  readonly resolvePeerHostnames?: boolean;
  /**
   * Private hosted zones (ids, `Z…`) holding the peer's own internal names,
   * associated with this VPC so those names resolve here. A zone of another
   * account needs its owner's `create-vpc-association-authorization` first.
   * @default - none
   */
  readonly peerPrivateHostedZoneIds?: string[];
}

const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
const ROUTE_TABLE_ID = /^rtb-[0-9a-f]{8,17}$/;

/**
 * A VPC peering connection from a VPC to an existing one, with routes to the
 * peer's CIDR only in the chosen subnets (and optionally the return routes
 * in the peer's route tables). Security groups still decide what may cross:
 * open them with `peerCidr`.
 */
export class VpcPeering extends Construct {
  /** The peering connection. */
  public readonly peeringConnection: ec2.CfnVPCPeeringConnection;
  /** The peering connection's id, `pcx-…`. */
  public readonly peeringConnectionId: string;
  /** The peer VPC's CIDR block, as a peer for security group rules. */
  public readonly peer: ec2.IPeer;

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    this.validate(props);
    this.peeringConnection = new ec2.CfnVPCPeeringConnection(this, 'Connection', {
      vpcId: props.vpc.vpcId,
      peerVpcId: props.peerVpcId,
      peerOwnerId: props.peerOwnerId,
      peerRegion: props.peerRegion,
      peerRoleArn: props.peerRole?.roleArn,
    });
    this.peeringConnectionId = this.peeringConnection.ref;
    this.peer = ec2.Peer.ipv4(props.peerCidr);

    const selection = props.subnets ?? {
      subnetType: props.vpc.privateSubnets.length > 0 ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED,
    };
    const routeTables = new Set(props.vpc.selectSubnets(selection).subnets.map((s) => s.routeTable.routeTableId));
    [...routeTables].forEach((routeTableId, i) => {
      new ec2.CfnRoute(this, `Route${i + 1}`, {
        routeTableId,
        destinationCidrBlock: props.peerCidr,
        vpcPeeringConnectionId: this.peeringConnectionId,
      });
    });
    const privateHostedZoneIds = props.peerPrivateHostedZoneIds ?? [];
    if (props.resolvePeerHostnames || privateHostedZoneIds.length > 0) {
      new PeerDns(this, 'Dns', {
        vpc: props.vpc,
        peeringConnectionId: this.peeringConnectionId,
        resolvePeerHostnames: props.resolvePeerHostnames ?? false,
        privateHostedZoneIds,
        peerRole: props.peerRole,
        peerRegion: props.peerRegion,
      });
    }
    (props.peerRouteTableIds ?? []).forEach((routeTableId, i) => {
      new ec2.CfnRoute(this, `PeerRoute${i + 1}`, {
        routeTableId,
        destinationCidrBlock: props.vpcCidr ?? props.vpc.vpcCidrBlock,
        vpcPeeringConnectionId: this.peeringConnectionId,
      });
    });
  }

  private validate(props: VpcPeeringProps): void {
    assertMatches(this, 'peerVpcId', props.peerVpcId, VPC_ID, 'A VPC id looks like vpc-0123456789abcdef0.');
    if (!Token.isUnresolved(props.peerCidr)) cidrPrefixLength(this, 'peerCidr', props.peerCidr);
    if (props.peerOwnerId !== undefined) assertAccountIds(this, 'peerOwnerId', [props.peerOwnerId]);
    const cidr = props.vpcCidr ?? props.vpc.vpcCidrBlock;
    if (props.vpcCidr !== undefined) cidrPrefixLength(this, 'vpcCidr', props.vpcCidr);
    if (!Token.isUnresolved(cidr) && !Token.isUnresolved(props.peerCidr) && cidrsOverlap(cidr, props.peerCidr)) {
      throw invalidProp(this, 'peerCidr', `'${props.peerCidr}' overlaps this VPC's '${cidr}'`,
        'Peered VPCs need disjoint CIDR blocks: give this VPC another block.');
    }
    const account = Stack.of(this).account;
    const crossAccount = props.peerOwnerId !== undefined && props.peerOwnerId !== account;
    if (crossAccount && !props.peerRole) {
      throw invalidProp(this, 'peerRole', `the peer VPC belongs to ${props.peerOwnerId}, another account, which must accept the peering`,
        'Pass a role in the peer account that trusts this account and may ec2:AcceptVpcPeeringConnection.');
    }
    const peerRouteTableIds = props.peerRouteTableIds ?? [];
    if (crossAccount && peerRouteTableIds.length > 0) {
      throw invalidProp(this, 'peerRouteTableIds', 'routes in another account\'s route tables cannot be created from this stack',
        'Leave the return routes to the peer account, or peer within one account.');
    }
    assertHostedZoneIds(this, props.peerPrivateHostedZoneIds ?? []);
    for (const routeTableId of peerRouteTableIds) {
      assertMatches(this, 'peerRouteTableIds', routeTableId, ROUTE_TABLE_ID, 'A route table id looks like rtb-0123456789abcdef0.');
    }
  }
}
