import { App, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { StandardVpc, StandardVpcProps } from '../../src';
import { nagFindings } from '../nag';
import { resourceCounts } from '../resource-counts';

const ACCOUNT = '111111111111';
const REGION = 'eu-west-2';

function keyedStack(): { stack: Stack; key: kms.Key } {
  const app = new App({ context: { [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'] } });
  const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
  return { stack, key: new kms.Key(stack, 'Key', { enableKeyRotation: true }) };
}

function build(props: Partial<StandardVpcProps> = {}): { network: StandardVpc; readonly template: Template } {
  const { stack, key } = keyedStack();
  const network = new StandardVpc(stack, 'Network', {
    projectName: 'tracker-restapi', environmentName: 'staging', cidr: '10.40.0.0/24', encryptionKey: key, ...props,
  });
  return { network, get template() { return Template.fromStack(stack); } };
}

describe('StandardVpc', () => {
  test('a /24 over 2 AZs: public .0/26 .64/26, private .128/26 .192/26, no automatic public IPs', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.40.0.0/24', EnableDnsHostnames: true, EnableDnsSupport: true });
    const subnets = Object.values(template.findResources('AWS::EC2::Subnet')).map((s) => s.Properties);
    expect(subnets.map((s) => [s.CidrBlock, s.AvailabilityZone, s.MapPublicIpOnLaunch])).toEqual([
      ['10.40.0.0/26', 'eu-west-2a', false],
      ['10.40.0.64/26', 'eu-west-2b', false],
      ['10.40.0.128/26', 'eu-west-2a', false],
      ['10.40.0.192/26', 'eu-west-2b', false],
    ]);
  });

  test('one NAT gateway in the first public subnet; private subnets route through it', () => {
    const { template } = build();
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::InternetGateway', 1);
    template.hasResourceProperties('AWS::EC2::Route', {
      DestinationCidrBlock: '0.0.0.0/0',
      NatGatewayId: Match.anyValue(),
    });
  });

  test('NAT gateway count is a prop', () => {
    build({ natGateways: 2 }).template.resourceCountIs('AWS::EC2::NatGateway', 2);
  });

  test('no NAT: private subnets are isolated, no default route', () => {
    const { template } = build({ natGateways: 0 });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourcePropertiesCountIs('AWS::EC2::Route', { NatGatewayId: Match.anyValue() }, 0);
  });

  test('flow logs: ALL traffic to a KMS-encrypted, retained, 365-day log group', () => {
    const { template } = build();
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: {
        LogGroupName: '/aws/vpc/tracker-restapi-staging-flow-logs',
        RetentionInDays: 365,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      },
    });
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: { Ref: Match.stringLikeRegexp('^NetworkFlowLogGroup') },
    });
  });

  test('flow log role: a managed policy scoped to the flow log group', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'vpc-flow-logs.amazonaws.com' } })] },
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: Match.arrayWith(['logs:CreateLogStream', 'logs:PutLogEvents']),
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkFlowLogGroup'), 'Arn'] },
        })]),
      },
    });
  });

  test('default security group loses all its rules', () => {
    build().template.hasResourceProperties('Custom::VpcRestrictDefaultSG', {
      DefaultSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkVpc'), 'DefaultSecurityGroup'] },
    });
  });

  test('S3 gateway endpoint on the private route tables by default, no interface endpoints', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
      RouteTableIds: [{ Ref: Match.stringLikeRegexp('PrivateSubnet1RouteTable') }, { Ref: Match.stringLikeRegexp('PrivateSubnet2RouteTable') }],
    });
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface' }, 0);
    expect(build({ s3GatewayEndpoint: false }).template.findResources('AWS::EC2::VPCEndpoint')).toEqual({});
  });

  test('container endpoints: ECR api/dkr, logs, secretsmanager, ssm with private DNS, HTTPS from the VPC only', () => {
    const { template, network } = build({ interfaceEndpoints: StandardVpc.CONTAINER_ENDPOINTS });
    expect(network.interfaceEndpoints).toHaveLength(5);
    const services = Object.values(template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } }))
      .map((e) => e.Properties.ServiceName);
    expect(services).toEqual(['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'ssm'].map((s) => `com.amazonaws.eu-west-2.${s}`));
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface', PrivateDnsEnabled: true });
    const sgs = Object.values(template.findResources('AWS::EC2::SecurityGroup')).map((s) => s.Properties.SecurityGroupIngress);
    expect(sgs).toHaveLength(5);
    for (const ingress of sgs) {
      expect(ingress).toEqual([expect.objectContaining({ CidrIp: '10.40.0.0/24', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' })]);
    }
  });

  test('endpoint security groups allow no egress (endpoints never initiate connections)', () => {
    const { template } = build({ interfaceEndpoints: StandardVpc.CONTAINER_ENDPOINTS });
    const egress = Object.values(template.findResources('AWS::EC2::SecurityGroup')).map((s) => s.Properties.SecurityGroupEgress);
    expect(egress).toHaveLength(5);
    for (const rules of egress) {
      // CDK's placeholder for "no egress": ICMP type 252 code 86 to 255.255.255.255/32, which matches nothing.
      expect(rules).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32', IpProtocol: 'icmp', FromPort: 252, ToPort: 86 })]);
    }
  });

  test('subnet size follows the CIDR and AZ count', () => {
    const { template } = build({ cidr: '10.0.0.0/16', maxAzs: 3 });
    const cidrs = Object.values(template.findResources('AWS::EC2::Subnet')).map((s) => s.Properties.CidrBlock);
    expect(cidrs).toEqual(['10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/19', '10.0.96.0/19', '10.0.128.0/19', '10.0.160.0/19']);
    const explicit = build({ cidr: '10.0.0.0/16', subnetCidrMask: 24 }).template.findResources('AWS::EC2::Subnet');
    expect(Object.values(explicit).map((s) => s.Properties.CidrBlock)).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24']);
  });

  test('rejects a malformed CIDR', () => {
    expect(() => build({ cidr: '10.40.0/24' })).toThrow(/invalid `cidr`: got '10.40.0\/24'. Give an IPv4 CIDR block/);
  });

  test('rejects a CIDR with host bits set', () => {
    expect(() => build({ cidr: '10.40.0.5/24' })).toThrow(/has host bits set. Use the network address of the block, e.g. 10.40.0.0\/24/);
  });

  test('rejects a CIDR outside /16 to /28', () => {
    expect(() => build({ cidr: '10.0.0.0/8' })).toThrow(/invalid `cidr`: '10.0.0.0\/8' is a \/8. A VPC block is \/16 to \/28/);
  });

  test('rejects a CIDR too small for the subnets', () => {
    expect(() => build({ cidr: '10.40.0.0/27' })).toThrow(/cannot hold 4 subnets .* Use a block of \/26 or larger, or fewer AZs/);
  });

  test('rejects a subnet mask whose subnets do not fit', () => {
    expect(() => build({ subnetCidrMask: 25 })).toThrow(/invalid `subnetCidrMask`: 4 subnets of \/25 do not fit in '10.40.0.0\/24'/);
  });

  test('rejects a subnet mask outside /16 to /28', () => {
    expect(() => build({ subnetCidrMask: 29 })).toThrow(/invalid `subnetCidrMask`: got 29/);
  });

  test('rejects more NAT gateways than AZs', () => {
    expect(() => build({ natGateways: 3 })).toThrow(/invalid `natGateways`: got 3. Use a whole number from 0 to 2/);
  });

  test('rejects an AZ count outside 1 to 6', () => {
    expect(() => build({ maxAzs: 0 })).toThrow(/invalid `maxAzs`: got 0/);
  });

  // A token's encoded value used to flow into the subnet arithmetic and fail under another prop's name.
  test.each<[keyof StandardVpcProps]>([['maxAzs'], ['natGateways'], ['subnetCidrMask']])('rejects a token for %s, naming it', (prop) => {
    expect(() => build({ [prop]: Lazy.number({ produce: () => 2 }) }))
      .toThrow(`Stack/Network: invalid \`${prop}\`: got an unresolved token. Give a literal number: the subnets are laid out at synth.`);
  });

  test('rejects a token for the CIDR, naming it', () => {
    expect(() => build({ cidr: Token.asString(Lazy.string({ produce: () => '10.40.0.0/24' })) }))
      .toThrow(/^Stack\/Network: invalid `cidr`: got an unresolved token. Give a literal IPv4 CIDR block/);
  });

  test('rejects an invalid project name', () => {
    expect(() => build({ projectName: 'Tracker' })).toThrow(/invalid `projectName`/);
  });

  test('cdk-nag clean with the container endpoints', () => {
    expect(nagFindings((stack) => new StandardVpc(stack, 'Network', {
      projectName: 'tracker-restapi',
      environmentName: 'staging',
      cidr: '10.40.0.0/24',
      encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
      interfaceEndpoints: StandardVpc.CONTAINER_ENDPOINTS,
    }))).toEqual([]);
  });

  test('a /24 over 2 AZs with one endpoint: exactly the resources of the layout', () => {
    expect(resourceCounts(build({ interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER] }).template)).toEqual({
      'AWS::EC2::EIP': 1,
      'AWS::EC2::FlowLog': 1,
      'AWS::EC2::InternetGateway': 1,
      'AWS::EC2::NatGateway': 1,
      'AWS::EC2::Route': 4,
      'AWS::EC2::RouteTable': 4,
      'AWS::EC2::SecurityGroup': 1,
      'AWS::EC2::Subnet': 4,
      'AWS::EC2::SubnetRouteTableAssociation': 4,
      'AWS::EC2::VPC': 1,
      'AWS::EC2::VPCEndpoint': 2,
      'AWS::EC2::VPCGatewayAttachment': 1,
      'AWS::IAM::ManagedPolicy': 1,
      'AWS::IAM::Role': 2,
      'AWS::KMS::Key': 1,
      'AWS::Lambda::Function': 1,
      'AWS::Logs::LogGroup': 1,
      'Custom::VpcRestrictDefaultSG': 1,
    });
  });
});
