import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { StandardVpc, VpcPeering, VpcPeeringProps } from '../../src';
import { nagFindings } from '../nag';

const ACCOUNT = '333333333333';
const PEER = { peerVpcId: 'vpc-0a1b2c3d4e5f67890', peerCidr: '10.0.0.0/16' };
const ZONE = 'Z0123456789ABCDEFGHIJ';

function peering(stack: Stack, props: Partial<VpcPeeringProps>): VpcPeering {
  const network = new StandardVpc(stack, 'Network', {
    projectName: 'tracker-restapi',
    environmentName: 'production',
    cidr: '10.41.0.0/24',
    encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
  });
  return new VpcPeering(stack, 'Peering', { vpc: network.vpc, vpcCidr: network.cidr, ...PEER, ...props });
}

function build(props: Partial<VpcPeeringProps>): Template {
  const app = new App({ context: { [`availability-zones:account=${ACCOUNT}:region=eu-west-2`]: ['eu-west-2a', 'eu-west-2b'] } });
  const stack = new Stack(app, 'Production', { env: { account: ACCOUNT, region: 'eu-west-2' } });
  peering(stack, props);
  return Template.fromStack(stack);
}

describe('VpcPeering DNS across the peering', () => {
  test('off by default: no SDK calls', () => {
    build({}).resourceCountIs('Custom::AWS', 0);
  });

  test('resolvePeerHostnames turns on the peer (accepter) side option on create and update, and off on delete', () => {
    const template = build({ resolvePeerHostnames: true });
    template.resourceCountIs('Custom::AWS', 1);
    const resource = Object.values(template.findResources('Custom::AWS'))[0];
    const create = JSON.stringify(resource.Properties.Create);
    expect(create).toContain('modifyVpcPeeringConnectionOptions');
    expect(create).toContain('\\"AccepterPeeringConnectionOptions\\":{\\"AllowDnsResolutionFromRemoteVpc\\":true}');
    expect(create).not.toContain('RequesterPeeringConnectionOptions');
    expect(JSON.stringify(resource.Properties.Update)).toContain('"AllowDnsResolutionFromRemoteVpc\\":true');
    expect(JSON.stringify(resource.Properties.Delete)).toContain('"AllowDnsResolutionFromRemoteVpc\\":false');
    // Peering connection id, not a literal.
    expect(create).toMatch(/"Ref":"PeeringConnection[0-9A-F]{8}"/);
  });

  test('the SDK call may change only this peering connection', () => {
    const template = build({ resolvePeerHostnames: true });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'ec2:ModifyVpcPeeringConnectionOptions',
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ec2:eu-west-2:${ACCOUNT}:vpc-peering-connection/`, { Ref: Match.stringLikeRegexp('^PeeringConnection') }]] },
        }],
      },
    });
  });

  test('cross-account: the call runs as the peer account\'s role, in the peer region', () => {
    const app = new App({ context: { [`availability-zones:account=${ACCOUNT}:region=eu-west-2`]: ['eu-west-2a', 'eu-west-2b'] } });
    const stack = new Stack(app, 'Production', { env: { account: ACCOUNT, region: 'eu-west-2' } });
    const peerRole = iam.Role.fromRoleArn(stack, 'PeerRole', 'arn:aws:iam::444444444444:role/peering-accepter');
    peering(stack, { resolvePeerHostnames: true, peerOwnerId: '444444444444', peerRole, peerRegion: 'eu-west-1' });
    const template = Template.fromStack(stack);
    const create = JSON.stringify(Object.values(template.findResources('Custom::AWS'))[0].Properties.Create);
    expect(create).toContain('\\"assumedRoleArn\\":\\"arn:aws:iam::444444444444:role/peering-accepter\\"');
    expect(create).toContain('\\"region\\":\\"eu-west-1\\"');
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Resource: 'arn:aws:iam::444444444444:role/peering-accepter' }] },
    });
  });

  test('private hosted zones are associated with this VPC, and disassociated on removal', () => {
    const template = build({ peerPrivateHostedZoneIds: [ZONE] });
    const resource = Object.values(template.findResources('Custom::AWS'))[0];
    const create = JSON.stringify(resource.Properties.Create);
    expect(create).toContain('associateVPCWithHostedZone');
    expect(create).toContain(`\\"HostedZoneId\\":\\"${ZONE}\\"`);
    expect(create).toMatch(/"VPCId\\":\\"",\{"Ref":"NetworkVpc[0-9A-F]{8}"\}/);
    expect(create).toContain('\\"VPCRegion\\":\\"eu-west-2\\"');
    expect(JSON.stringify(resource.Properties.Delete)).toContain('disassociateVPCFromHostedZone');
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: ['route53:AssociateVPCWithHostedZone', 'route53:DisassociateVPCFromHostedZone'],
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:route53:::hostedzone/${ZONE}`]] },
          },
          { Action: 'ec2:DescribeVpcs', Effect: 'Allow', Resource: '*' },
        ],
      },
    });
  });

  test('rejects a malformed hosted zone id', () => {
    expect(() => build({ peerPrivateHostedZoneIds: ['zone-1'] })).toThrow(/Production\/Peering: invalid `peerPrivateHostedZoneIds`: got 'zone-1'.*Z0123456789ABCDEFGHIJ/);
  });

  test('cdk-nag clean with both options', () => {
    expect(nagFindings((stack) => {
      peering(stack, { resolvePeerHostnames: true, peerPrivateHostedZoneIds: [ZONE] });
    })).toEqual([]);
  });
});
