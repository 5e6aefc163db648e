import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { cidrPrefixLength } from './cidr';
import { acknowledge, hipaaAndNist } from '../internal/acknowledge';
import { ManagedPolicyRole } from '../internal/managed-policy-role';
import { qualifiedName } from '../internal/names';
import { assertIntegerInRange, assertLiteralNumber, invalidProp } from '../internal/validation';

/** Properties of a `StandardVpc`. */
export interface StandardVpcProps {
  /** Project part of names, e.g. `tracker-restapi`. */
  readonly projectName: string;
  /** Environment part of names, e.g. `staging`. */
  readonly environmentName: string;
  /** The VPC's IPv4 block, e.g. `10.40.0.0/24`; must not overlap networks it is peered with. */
  readonly cidr: string;
  /** Key that encrypts the flow log group, e.g. a `ProjectKey`'s key. */
  readonly encryptionKey: kms.IKey;
  /**
   * Availability zones to spread the subnets over (each gets a public and a private subnet).
   * @default 2
   */
  readonly maxAzs?: number;
  /**
   * NAT gateways for the private subnets' internet egress, 0 to `maxAzs`.
   * One saves cost but makes egress depend on one AZ; with 0 the private
   * subnets are isolated and reach AWS APIs through `interfaceEndpoints` only.
   * @default 1
   */
  readonly natGateways?: number;
  /**
   * Prefix length of every subnet.
   * @default - the largest subnets that split `cidr` evenly into 2 x `maxAzs` (a /24 over 2 AZs gives /26)
   */
  readonly subnetCidrMask?: number;
  /**
   * AWS services to reach through interface endpoints in the private
   * subnets instead of the NAT gateway (each costs per AZ-hour), e.g.
   * `StandardVpc.CONTAINER_ENDPOINTS`.
   * @default - none
   */
  readonly interfaceEndpoints?: ec2.InterfaceVpcEndpointAwsService[];
  /**
   * Adds the S3 gateway endpoint (free; ECR image layers are served from S3).
   * @default true
   */
  readonly s3GatewayEndpoint?: boolean;
  /**
   * Flow log retention.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly flowLogRetention?: logs.RetentionDays;
  /**
   * What happens to the flow log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly flowLogRemovalPolicy?: RemovalPolicy;
}

/** AWS's smallest subnet. */
const SMALLEST_SUBNET_PREFIX = 28;

/**
 * The organisation's VPC: a public and a private subnet in each of `maxAzs`
 * AZs carved from one CIDR (no automatic public IPs anywhere), NAT gateways,
 * flow logs of ALL traffic to a KMS-encrypted log group
 * `/aws/vpc/<project>-<env>-flow-logs`, the default security group stripped
 * of all rules, and optional VPC endpoints so tasks reach AWS APIs without NAT.
 */
export class StandardVpc extends Construct {
  /**
   * The interface endpoints a Fargate service behind a private subnet needs:
   * ECR API and registry, CloudWatch Logs, Secrets Manager and SSM.
   */
  public static readonly CONTAINER_ENDPOINTS: ec2.InterfaceVpcEndpointAwsService[] = [
    ec2.InterfaceVpcEndpointAwsService.ECR,
    ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
    ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
    ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
    ec2.InterfaceVpcEndpointAwsService.SSM,
  ];

  /** The VPC. */
  public readonly vpc: ec2.Vpc;
  /** The VPC's CIDR block, as given (a literal, unlike `vpc.vpcCidrBlock`). */
  public readonly cidr: string;
  /** `/aws/vpc/<project>-<env>-flow-logs`. */
  public readonly flowLogGroup: logs.LogGroup;
  /** The flow log of all traffic. */
  public readonly flowLog: ec2.FlowLog;
  /** The interface endpoints, in the order of `interfaceEndpoints`. */
  public readonly interfaceEndpoints: ec2.InterfaceVpcEndpoint[];
  /** The S3 gateway endpoint, unless disabled. */
  public readonly s3Endpoint?: ec2.GatewayVpcEndpoint;

  constructor(scope: Construct, id: string, props: StandardVpcProps) {
    super(scope, id);
    const name = qualifiedName(this, props.projectName, props.environmentName);
    const layout = 'the subnets are laid out at synth.';
    assertLiteralNumber(this, 'maxAzs', props.maxAzs, layout);
    assertLiteralNumber(this, 'natGateways', props.natGateways, layout);
    assertLiteralNumber(this, 'subnetCidrMask', props.subnetCidrMask, layout);
    if (Token.isUnresolved(props.cidr)) {
      throw invalidProp(this, 'cidr', 'got an unresolved token', `Give a literal IPv4 CIDR block such as 10.40.0.0/24: ${layout}`);
    }
    const maxAzs = props.maxAzs ?? 2;
    assertIntegerInRange(this, 'maxAzs', maxAzs, 1, 6);
    const natGateways = props.natGateways ?? 1;
    assertIntegerInRange(this, 'natGateways', natGateways, 0, maxAzs);
    const subnetCidrMask = this.subnetMask(props.cidr, maxAzs, props.subnetCidrMask);

    this.cidr = props.cidr;
    const isolated = natGateways === 0;
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      vpcName: name,
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      maxAzs,
      natGateways,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: subnetCidrMask, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: isolated ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: subnetCidrMask },
      ],
    });

    for (const subnet of this.vpc.publicSubnets) {
      const route = subnet.node.tryFindChild('DefaultRoute');
      if (!route) continue;
      acknowledge(route, hipaaAndNist('VPCNoUnrestrictedRouteToIGW'),
        'A public subnet exists to route to the internet gateway: it holds only the internet-facing load balancer and the NAT gateways; nothing in it gets a public IP by default.');
    }

    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      logGroupName: `/aws/vpc/${name}-flow-logs`,
      encryptionKey: props.encryptionKey,
      retention: props.flowLogRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.flowLogRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    // A managed policy instead of an inline one (HIPAA/NIST IAMNoInlinePolicy).
    const flowLogRole = new ManagedPolicyRole(this, 'FlowLogRole', {
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'),
      description: `${name}: VPC flow logs write to their log group`,
    });
    this.flowLog = this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup, flowLogRole),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    const privateSubnets = { subnetType: isolated ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PRIVATE_WITH_EGRESS };
    this.interfaceEndpoints = (props.interfaceEndpoints ?? []).map((service) => {
      // Endpoints only answer: their group has no egress (the default would allow all outbound).
      const securityGroup = new ec2.SecurityGroup(this, `${endpointId(service)}SecurityGroup`, {
        vpc: this.vpc,
        description: `${name}: ${service.shortName} interface endpoint, HTTPS from the VPC`,
        allowAllOutbound: false,
      });
      const endpoint = this.vpc.addInterfaceEndpoint(endpointId(service), {
        service, subnets: privateSubnets, privateDnsEnabled: true, open: false, securityGroups: [securityGroup],
      });
      // The literal block rather than the VPC's CidrBlock attribute, so rule checks can read it.
      endpoint.connections.allowFrom(ec2.Peer.ipv4(props.cidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
      return endpoint;
    });
    if (props.s3GatewayEndpoint ?? true) {
      this.s3Endpoint = this.vpc.addGatewayEndpoint('S3Endpoint', {
        service: ec2.GatewayVpcEndpointAwsService.S3,
        subnets: [privateSubnets],
      });
    }
  }

  /** The subnet prefix length, checked against the VPC block and AWS's /16../28 subnet limits. */
  private subnetMask(cidr: string, maxAzs: number, requested: number | undefined): number {
    const vpcPrefix = cidrPrefixLength(this, 'cidr', cidr);
    if (vpcPrefix < 16 || vpcPrefix > SMALLEST_SUBNET_PREFIX) {
      throw invalidProp(this, 'cidr', `'${cidr}' is a /${vpcPrefix}`, 'A VPC block is /16 to /28, e.g. 10.40.0.0/24.');
    }
    const subnets = 2 * maxAzs;
    const bitsNeeded = Math.ceil(Math.log2(subnets));
    const mask = requested ?? vpcPrefix + bitsNeeded;
    assertIntegerInRange(this, 'subnetCidrMask', requested, 16, SMALLEST_SUBNET_PREFIX);
    if (mask > SMALLEST_SUBNET_PREFIX) {
      throw invalidProp(this, 'cidr', `'${cidr}' cannot hold ${subnets} subnets (public and private in ${maxAzs} AZs) of at least /${SMALLEST_SUBNET_PREFIX}`,
        `Use a block of /${SMALLEST_SUBNET_PREFIX - bitsNeeded} or larger, or fewer AZs.`);
    }
    if (2 ** (mask - vpcPrefix) < subnets) {
      throw invalidProp(this, 'subnetCidrMask', `${subnets} subnets of /${mask} do not fit in '${cidr}'`,
        `Use a subnetCidrMask of /${vpcPrefix + bitsNeeded} or longer, or a larger cidr.`);
    }
    return mask;
  }
}

/** `ECR_DOCKER` → `EcrDockerEndpoint`: a stable construct id from the service's short name. */
function endpointId(service: ec2.InterfaceVpcEndpointAwsService): string {
  const parts = service.shortName.split(/[^A-Za-z0-9]+/).filter((p) => p.length > 0);
  return `${parts.map((p) => p[0].toUpperCase() + p.slice(1)).join('')}Endpoint`;
}
