import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { StandardVpc, VpcPeering, VpcPeeringProps } from '../../src';
import { nagFindings } from '../nag';
import { resourceCounts } from '../resource-counts';

const ACCOUNT = '333333333333';
const PEER = { peerVpcId: 'vpc-0a1b2c3d4e5f67890', peerCidr: '10.0.0.0/16' };

function build(props: Partial<VpcPeeringProps> = {}) {
  const app = new App({ context: { [`availability-zones:account=${ACCOUNT}:region=eu-west-2`]: ['eu-west-2a', 'eu-west-2b'] } });
  const stack = new Stack(app, 'Production', { env: { account: ACCOUNT, region: 'eu-west-2' } });
  const network = new StandardVpc(stack, 'Network', {
    projectName: 'tracker-restapi',
    environmentName: 'production',
    cidr: '10.41.0.0/24',
    encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
  });
  const peering = new VpcPeering(stack, 'Peering', { vpc: network.vpc, vpcCidr: network.cidr, ...PEER, ...props });
  return { stack, peering, network, get template() { return Template.fromStack(stack); } };
}

describe('VpcPeering', () => {
  test('same-account peering from this VPC to the existing one', () => {
    build().template.hasResourceProperties('AWS::EC2::VPCPeeringConnection', {
      VpcId: { Ref: Match.stringLikeRegexp('^NetworkVpc') },
      PeerVpcId: 'vpc-0a1b2c3d4e5f67890',
      PeerOwnerId: Match.absent(),
      PeerRoleArn: Match.absent(),
    });
  });

  test('routes to the peer CIDR only, in each private route table', () => {
    const { template } = build();
    const routes = Object.values(template.findResources('AWS::EC2::Route', { Properties: { VpcPeeringConnectionId: Match.anyValue() } }));
    expect(routes.map((r) => [r.Properties.DestinationCidrBlock, r.Properties.RouteTableId])).toEqual([
      ['10.0.0.0/16', { Ref: expect.stringMatching(/^NetworkVpcPrivateSubnet1RouteTable/) }],
      ['10.0.0.0/16', { Ref: expect.stringMatching(/^NetworkVpcPrivateSubnet2RouteTable/) }],
    ]);
  });

  test('return routes in the peer route tables point at this VPC', () => {
    const { template } = build({ peerRouteTableIds: ['rtb-0123456789abcdef0'] });
    template.hasResourceProperties('AWS::EC2::Route', {
      RouteTableId: 'rtb-0123456789abcdef0',
      DestinationCidrBlock: '10.41.0.0/24',
      VpcPeeringConnectionId: { Ref: Match.stringLikeRegexp('^PeeringConnection') },
    });
  });

  test('cross-account peering names the owner and the accepter role', () => {
    const { stack } = build({ peerOwnerId: '444444444444', peerRole: iam.Role.fromRoleArn(new Stack(), 'R', 'arn:aws:iam::444444444444:role/accept') });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::VPCPeeringConnection', {
      PeerOwnerId: '444444444444',
      PeerRoleArn: 'arn:aws:iam::444444444444:role/accept',
    });
  });

  test('peer is the CIDR for security group rules', () => {
    const { peering } = build();
    expect(peering.peer.uniqueId).toBe(ec2.Peer.ipv4('10.0.0.0/16').uniqueId);
  });

  test('rejects an invalid peer VPC id', () => {
    expect(() => build({ peerVpcId: 'vpc-xyz' })).toThrow(/invalid `peerVpcId`: got 'vpc-xyz'/);
  });

  test('rejects an invalid peer CIDR', () => {
    expect(() => build({ peerCidr: '10.0.0.0' })).toThrow(/invalid `peerCidr`: got '10.0.0.0'/);
  });

  test('rejects an invalid local CIDR', () => {
    expect(() => build({ vpcCidr: '10.41.0.1/24' })).toThrow(/invalid `vpcCidr`: '10.41.0.1\/24' has host bits set/);
  });

  test('rejects overlapping CIDRs', () => {
    expect(() => build({ peerCidr: '10.41.0.0/16' })).toThrow(/invalid `peerCidr`: '10.41.0.0\/16' overlaps this VPC's '10.41.0.0\/24'/);
  });

  test('rejects an invalid owner account', () => {
    expect(() => build({ peerOwnerId: '1234' })).toThrow(/invalid `peerOwnerId`: got '1234'/);
  });

  test('rejects a cross-account peer without an accepter role', () => {
    expect(() => build({ peerOwnerId: '444444444444' })).toThrow(/invalid `peerRole`: the peer VPC belongs to 444444444444/);
  });

  test('rejects return routes in another account', () => {
    expect(() => build({
      peerOwnerId: '444444444444',
      peerRole: iam.Role.fromRoleArn(new Stack(), 'R', 'arn:aws:iam::444444444444:role/accept'),
      peerRouteTableIds: ['rtb-0123456789abcdef0'],
    })).toThrow(/invalid `peerRouteTableIds`: routes in another account's route tables/);
  });

  test('rejects an invalid peer route table id', () => {
    expect(() => build({ peerRouteTableIds: ['rtb-1'] })).toThrow(/invalid `peerRouteTableIds`: got 'rtb-1'/);
  });

  test('cdk-nag clean', () => {
    expect(nagFindings((stack) => {
      const network = new StandardVpc(stack, 'Network', {
        projectName: 'tracker-restapi',
        environmentName: 'production',
        cidr: '10.41.0.0/24',
        encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
      });
      new VpcPeering(stack, 'Peering', { vpc: network.vpc, vpcCidr: network.cidr, ...PEER });
    })).toEqual([]);
  });

  test('creates the peering connection and its routes, nothing else', () => {
    const { stack } = build({ peerRouteTableIds: ['rtb-0123456789abcdef0'] });
    expect(resourceCounts(Template.fromStack(stack), (id) => id.startsWith('Peering'))).toEqual({
      'AWS::EC2::Route': 3,
      'AWS::EC2::VPCPeeringConnection': 1,
    });
  });
});
