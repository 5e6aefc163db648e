import { App, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';

export const ACCOUNT = '111111111111';
export const NAMES = { projectName: 'tracker-restapi', environmentName: 'staging' };

export function edgeStack(): Stack {
  return new Stack(new App(), 'Edge', { env: { account: ACCOUNT, region: 'eu-west-2' } });
}

/** An imported two-AZ VPC, a key and a certificate: what the edge constructs plug into. */
export function edgePlatform(stack: Stack): { vpc: ec2.IVpc; key: kms.IKey; certificate: acm.ICertificate } {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-12345678',
    vpcCidrBlock: '10.40.0.0/24',
    availabilityZones: ['eu-west-2a', 'eu-west-2b'],
    publicSubnetIds: ['subnet-11111111', 'subnet-22222222'],
    privateSubnetIds: ['subnet-33333333', 'subnet-44444444'],
  });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Certificate', `arn:aws:acm:eu-west-2:${ACCOUNT}:certificate/0123-4567`);
  return { vpc, key, certificate };
}
