import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * Counts the ingress rules of a security group created in this app: inline
 * rules (CIDR peers) and separate `AWS::EC2::SecurityGroupIngress` resources
 * (security group peers, wherever in the app they were placed).
 */
export function countIngressRules(securityGroup: ec2.SecurityGroup): number {
  const cfn = securityGroup.node.defaultChild as ec2.CfnSecurityGroup;
  const inline = Stack.of(securityGroup).resolve(cfn.securityGroupIngress);
  const separate = securityGroup.node.root.node.findAll()
    .filter((c) => c instanceof ec2.CfnSecurityGroupIngress && c.groupId === securityGroup.securityGroupId);
  return (Array.isArray(inline) ? inline.length : 0) + separate.length;
}
