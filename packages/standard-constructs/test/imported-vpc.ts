import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/**
 * The VPC most unit tests plug into: imported, two AZs in eu-west-2, private
 * and public subnets and the staging CIDR. Nothing is looked up and no VPC
 * resource enters the template.
 */
export function importedVpc(scope: Construct, id = 'Vpc'): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(scope, id, {
    vpcId: 'vpc-12345678',
    availabilityZones: ['eu-west-2a', 'eu-west-2b'],
    privateSubnetIds: ['subnet-11111111', 'subnet-22222222'],
    publicSubnetIds: ['subnet-33333333', 'subnet-44444444'],
    vpcCidrBlock: '10.40.0.0/24',
  });
}
