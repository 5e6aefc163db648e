/**
 * Where the services find PostgreSQL and Valkey. Staging runs its own data
 * host (data-host.ts); production uses the existing data tier of the peered
 * production VPC (below): its private names resolve here, its secrets exist.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { PeeredDataConfig } from './config';

export interface DataTier {
  /** POSTGRES_* and REDIS_* variables of the services that use the data stores. */
  readonly environment: Record<string, string>;
  /** POSTGRES_PASSWORD and REDIS_PASSWORD. */
  readonly secrets: Record<string, ecs.Secret>;
  /** Lets tasks in `securityGroup` reach PostgreSQL and Valkey, on their two ports only. */
  allowFrom(securityGroup: ec2.SecurityGroup): void;
}

/** The variables the Tracker API reads its data stores from; Redis logical databases by purpose. */
export function dataStoreEnvironment(postgresHost: string, redisHost: string): Record<string, string> {
  return {
    POSTGRES_SERVER: postgresHost,
    POSTGRES_USER: 'tracker',
    POSTGRES_DB: 'tracker',
    POSTGRES_PORT: '5432',
    REDIS_HOST: redisHost,
    REDIS_PORT: '6379',
    REDIS_CLUSTER_MODE: 'false',
    REDIS_TLS_ENABLED: 'true',
    REDIS_CACHE_TTL: '3600',
    REDIS_CACHE_DB: '0',
    REDIS_TASKS_DB: '1',
    REDIS_HEALTH_DB: '2',
    REDIS_NOTIFICATIONS_DB: '3',
  };
}

export interface PeeredDataTierProps {
  readonly vpc: ec2.IVpc;
  readonly vpcCidr: string;
  readonly existing: PeeredDataConfig;
}

/** Production: a peering to the existing production VPC, routes both ways, and its private DNS. */
export class PeeredDataTier extends Construct implements DataTier {
  public readonly environment: Record<string, string>;
  public readonly secrets: Record<string, ecs.Secret>;
  public readonly secretKey: secretsmanager.ISecret;
  private readonly peerCidr: string;

  constructor(scope: Construct, id: string, props: PeeredDataTierProps) {
    super(scope, id);
    const { vpc, existing } = props;
    const stack = Stack.of(this);
    this.peerCidr = existing.peerCidr;

    // Same account on both sides: the peering needs no acceptance, and this stack routes both ways.
    const connection = new ec2.CfnVPCPeeringConnection(this, 'Connection', {
      vpcId: vpc.vpcId, peerVpcId: existing.peerVpcId, peerOwnerId: stack.account,
    });
    vpc.privateSubnets.forEach((subnet, i) => new ec2.CfnRoute(this, `Route${i + 1}`, {
      routeTableId: subnet.routeTable.routeTableId, destinationCidrBlock: existing.peerCidr, vpcPeeringConnectionId: connection.ref,
    }));
    existing.peerRouteTableIds.forEach((routeTableId, i) => new ec2.CfnRoute(this, `PeerRoute${i + 1}`, {
      routeTableId, destinationCidrBlock: props.vpcCidr, vpcPeeringConnectionId: connection.ref,
    }));

    // CloudFormation has no property for either: the peer's names must resolve from here.
    const peeringArn = stack.formatArn({ service: 'ec2', resource: 'vpc-peering-connection', resourceName: connection.ref });
    const dnsResolution = (allow: boolean): cr.AwsSdkCall => ({
      service: 'EC2',
      action: 'modifyVpcPeeringConnectionOptions',
      parameters: { VpcPeeringConnectionId: connection.ref, AccepterPeeringConnectionOptions: { AllowDnsResolutionFromRemoteVpc: allow } },
      physicalResourceId: cr.PhysicalResourceId.of(`${connection.ref}-accepter-dns`),
    });
    new cr.AwsCustomResource(this, 'AccepterDnsResolution', {
      onCreate: dnsResolution(true),
      onUpdate: dnsResolution(true),
      onDelete: dnsResolution(false),
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [peeringArn] }),
      installLatestAwsSdk: false,
    });
    const zoneId = existing.hostedZoneId;
    const association = (action: string): cr.AwsSdkCall => ({
      service: 'Route53',
      action,
      parameters: { HostedZoneId: zoneId, VPC: { VPCId: vpc.vpcId, VPCRegion: stack.region } },
      physicalResourceId: cr.PhysicalResourceId.of(`${zoneId}-${vpc.vpcId}`),
    });
    new cr.AwsCustomResource(this, 'DnsZoneAssociation', {
      onCreate: association('associateVPCWithHostedZone'),
      onDelete: association('disassociateVPCFromHostedZone'),
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['route53:AssociateVPCWithHostedZone', 'route53:DisassociateVPCFromHostedZone'],
          resources: [stack.formatArn({ service: 'route53', region: '', account: '', resource: 'hostedzone', resourceName: zoneId })],
        }),
        new iam.PolicyStatement({ actions: ['ec2:DescribeVpcs'], resources: ['*'] }),
      ]),
      installLatestAwsSdk: false,
    });

    // The existing secrets, by complete ARN: no lookup at synth.
    const secret = (secretId: string, arn: string) => secretsmanager.Secret.fromSecretCompleteArn(this, secretId, arn);
    this.secretKey = secret('SecretKey', existing.secretKeyArn);
    this.environment = dataStoreEnvironment(existing.postgresHost, existing.redisHost);
    this.secrets = {
      POSTGRES_PASSWORD: ecs.Secret.fromSecretsManager(secret('PostgresPassword', existing.postgresPasswordArn)),
      REDIS_PASSWORD: ecs.Secret.fromSecretsManager(secret('RedisPassword', existing.redisPasswordArn)),
    };
  }

  public allowFrom(securityGroup: ec2.SecurityGroup): void {
    securityGroup.addEgressRule(ec2.Peer.ipv4(this.peerCidr), ec2.Port.tcp(5432), 'PostgreSQL');
    securityGroup.addEgressRule(ec2.Peer.ipv4(this.peerCidr), ec2.Port.tcp(6379), 'Redis');
  }
}
