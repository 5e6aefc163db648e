import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { glimpseFindings, ruleFindings } from '../glimpse-findings';

function instance(stack: Stack, props: Partial<ec2.InstanceProps> = {}): ec2.Instance {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-12345678', availabilityZones: ['eu-west-2a'], privateSubnetIds: ['subnet-11111111'],
  });
  return new ec2.Instance(stack, 'Host', {
    vpc,
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
    machineImage: ec2.MachineImage.genericLinux({ 'eu-west-2': 'ami-0123456789abcdef0' }),
    ...props,
  });
}

describe('Glimpse-Ec2Imdsv2Required', () => {
  test('compliant: requireImdsv2 (through the launch template CDK adds)', () => {
    const findings = glimpseFindings((stack) => { instance(stack, { requireImdsv2: true }); });
    expect(ruleFindings(findings, 'Ec2Imdsv2Required')).toEqual([]);
  });

  test('compliant: instance metadata options', () => {
    const findings = glimpseFindings((stack) => {
      instance(stack).instance.metadataOptions = { httpTokens: 'required' };
    });
    expect(ruleFindings(findings, 'Ec2Imdsv2Required')).toEqual([]);
  });

  test('non-compliant: an instance and a launch template allowing IMDSv1', () => {
    const findings = glimpseFindings((stack) => {
      instance(stack);
      new ec2.LaunchTemplate(stack, 'Template', { httpTokens: ec2.LaunchTemplateHttpTokens.OPTIONAL });
    });
    expect(ruleFindings(findings, 'Ec2Imdsv2Required')).toEqual([
      'Glimpse-Ec2Imdsv2Required Test/Host/Resource',
      'Glimpse-Ec2Imdsv2Required Test/Template/Resource',
    ]);
  });
});

describe('Glimpse-Ec2TerminationProtection', () => {
  test('compliant: DisableApiTermination', () => {
    const findings = glimpseFindings((stack) => { instance(stack, { disableApiTermination: true }); });
    expect(ruleFindings(findings, 'Ec2TerminationProtection')).toEqual([]);
  });

  test('non-compliant: every instance, by default', () => {
    const findings = glimpseFindings((stack) => { instance(stack); });
    expect(ruleFindings(findings, 'Ec2TerminationProtection')).toEqual(['Glimpse-Ec2TerminationProtection Test/Host/Resource']);
  });
});
