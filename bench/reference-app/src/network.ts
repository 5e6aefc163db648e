/** The VPC: two AZs of public and private /26 subnets, flow logs, the S3 gateway and (production) interface endpoints. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ManagedPolicyRole } from './security';

export interface NetworkProps {
  readonly prefix: string;
  readonly cidr: string;
  readonly natGateways: number;
  readonly key: kms.IKey;
  readonly interfaceEndpoints: boolean;
}

/** What the tasks pull and call at start-up: images, logs, secrets, SSM. */
const INTERFACE_ENDPOINTS: Array<[string, ec2.InterfaceVpcEndpointAwsService]> = [
  ['EcrApi', ec2.InterfaceVpcEndpointAwsService.ECR],
  ['EcrDkr', ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER],
  ['Logs', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS],
  ['Secretsmanager', ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
  ['Ssm', ec2.InterfaceVpcEndpointAwsService.SSM],
];

export class Network extends Construct {
  public readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { prefix, key } = props;
    const flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      logGroupName: `/aws/vpc/${prefix}-flow-logs`,
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const flowLogRole = new ManagedPolicyRole(this, 'FlowLogRole', {
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'),
      description: `${prefix}: VPC flow logs write to their log group`,
    });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      vpcName: prefix,
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      maxAzs: 2,
      natGateways: props.natGateways,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 26, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 26 },
      ],
      restrictDefaultSecurityGroup: true,
      flowLogs: { FlowLog: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup, flowLogRole) } },
      // Backups, images and pgBackRest reach S3 without the NAT.
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] } },
    });
    if (!props.interfaceEndpoints) return;
    for (const [name, service] of INTERFACE_ENDPOINTS) {
      const endpointName = service.shortName;
      const securityGroup = new ec2.SecurityGroup(this, `${name}EndpointSecurityGroup`, {
        vpc: this.vpc,
        description: `${prefix}: ${endpointName} interface endpoint, HTTPS from the VPC`,
        allowAllOutbound: false,
      });
      securityGroup.addIngressRule(ec2.Peer.ipv4(props.cidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
      this.vpc.addInterfaceEndpoint(`${name}Endpoint`, {
        service,
        securityGroups: [securityGroup],
        open: false,
        privateDnsEnabled: true,
        subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      });
    }
  }
}
