import { DataStoreEndpoints, VpcPeering } from '@glimpse/standard-constructs';
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ExistingDataStoresConfig } from './config';

/** Where the services find the data tier, and the peer their data store egress goes to. */
export interface DataTier {
  readonly endpoints: DataStoreEndpoints;
  readonly peer: ec2.IConnectable;
}

/**
 * Production: the existing data tier in the peered production VPC. Its
 * private names resolve here; egress goes to the peer CIDR on its ports only.
 * An existing customer-managed key of the secrets is granted to each role
 * that reads them with `allowDecryptingSecrets`.
 */
export class PeeredDataTier {
  public readonly peering: VpcPeering;
  public readonly dataTier: DataTier;
  /** `SECRET_KEY`, the existing secret. */
  public readonly secretKey: secretsmanager.ISecret;
  private readonly secretsKeyArn?: string;

  constructor(scope: Construct, network: { vpc: ec2.IVpc; cidr: string }, existing: ExistingDataStoresConfig) {
    this.peering = new VpcPeering(scope, 'Peering', {
      vpc: network.vpc,
      vpcCidr: network.cidr,
      peerVpcId: existing.peerVpcId,
      peerCidr: existing.peerCidr,
      peerOwnerId: existing.peerOwnerAccount,
      peerRouteTableIds: existing.peerRouteTableIds,
      resolvePeerHostnames: existing.resolvePeerHostnames,
      peerPrivateHostedZoneIds: existing.peerPrivateHostedZoneIds,
    });
    this.secretsKeyArn = existing.secretsKeyArn;
    const secret = (id: string, arn: string) => secretsmanager.Secret.fromSecretCompleteArn(scope, id, arn);
    this.secretKey = secret('SecretKey', existing.secretKeySecretArn);
    this.dataTier = {
      endpoints: {
        postgresHost: existing.postgresHost,
        postgresPort: existing.postgresPort,
        postgresUser: existing.postgresUser,
        postgresDatabase: existing.postgresDatabase,
        postgresPassword: secret('PostgresPassword', existing.postgresPasswordSecretArn),
        postgresPasswordField: existing.postgresPasswordField,
        redisHost: existing.redisHost,
        redisPort: existing.redisPort,
        redisPassword: secret('RedisPassword', existing.redisPasswordSecretArn),
        redisPasswordField: existing.redisPasswordField,
        redisTls: existing.redisTls,
      },
      peer: this.peering.peer,
    };
  }

  /**
   * Lets `role` (an execution role that injects the existing secrets) decrypt
   * them with their customer-managed key, through Secrets Manager only. Done
   * here because aws-cdk-lib's `grantRead` of a secret with an imported key
   * grants nothing: it would have to edit the imported key's policy.
   */
  public allowDecryptingSecrets(role: iam.IRole): void {
    if (!this.secretsKeyArn) return;
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [this.secretsKeyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(role).region}.amazonaws.com` } },
    }));
  }
}
