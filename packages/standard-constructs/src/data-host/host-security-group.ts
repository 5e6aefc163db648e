import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { countIngressRules } from './ingress-rules';

/**
 * The host's security group: no ingress until a peer is allowed (synthesis
 * fails if none ever is), egress only HTTPS and HTTP for packages and AWS APIs.
 */
export function createHostSecurityGroup(host: Construct, vpc: ec2.IVpc, name: string): ec2.SecurityGroup {
  const securityGroup = new ec2.SecurityGroup(host, 'SecurityGroup', {
    vpc,
    description: `${name} data host: PostgreSQL and Valkey from allowed peers; HTTPS/HTTP out for packages and SSM`,
    allowAllOutbound: false,
  });
  securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS: SSM, Secrets Manager, S3, CloudWatch, package repositories');
  securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP: Debian package mirrors');
  host.node.addValidation({
    validate: () => countIngressRules(securityGroup) > 0 ? [] : [
      `${host.node.path}: no peer may reach the data host. Call allowFrom(service) or connections.allowDefaultPortFrom(service).`,
    ],
  });
  return securityGroup;
}
