import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { invalidProp } from '../internal/validation';

/**
 * The subnet the host goes into: the first of `vpcSubnets` (default: private
 * with egress). Public subnets and empty selections are refused with the
 * prop's name, before CDK's own, less helpful, subnet-selection errors.
 */
export function selectHostSubnet(scope: IConstruct, vpc: ec2.IVpc, vpcSubnets?: ec2.SubnetSelection): ec2.ISubnet {
  if (!vpcSubnets && vpc.privateSubnets.length === 0) {
    throw invalidProp(scope, 'vpc', 'the VPC has no private subnets with egress',
      'Give a VPC with PRIVATE_WITH_EGRESS subnets (the bootstrap needs outbound HTTPS for packages and AWS APIs), '
      + 'or choose private subnets with `vpcSubnets`.');
  }
  const selected = vpc.selectSubnets(vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
  if (selected.hasPublic) {
    throw invalidProp(scope, 'vpcSubnets', 'the selection contains public subnets',
      'Place the data host in private subnets (the default): it holds the database and needs no public address.');
  }
  if (selected.subnets.length === 0) {
    throw invalidProp(scope, 'vpcSubnets', 'the selection matches no subnet', 'Select at least one private subnet of the VPC.');
  }
  return selected.subnets[0];
}
