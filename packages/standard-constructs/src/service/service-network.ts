import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { DataStoreConnection } from './data-store-connection';

/**
 * The tasks' own security group. Egress is HTTPS to AWS APIs (image pulls,
 * logs, secrets and ECS Exec: without it tasks cannot start) and, with a data
 * store peer, the PostgreSQL and Redis ports to that peer only.
 */
export function createServiceSecurityGroup(
  scope: Construct, vpc: ec2.IVpc, description: string, dataStores?: DataStoreConnection,
): ec2.SecurityGroup {
  const securityGroup = new ec2.SecurityGroup(scope, 'SecurityGroup', { vpc, description, allowAllOutbound: false });
  securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'AWS APIs over HTTPS');
  if (dataStores?.peer) {
    // Least privilege: the data stores' own peer on their ports, never 0.0.0.0/0.
    const { endpoints, peer } = dataStores;
    securityGroup.connections.allowTo(peer, ec2.Port.tcp(endpoints.postgresPort ?? 5432), 'PostgreSQL');
    securityGroup.connections.allowTo(peer, ec2.Port.tcp(endpoints.redisPort ?? 6379), 'Redis');
  }
  return securityGroup;
}
