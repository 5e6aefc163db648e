import { App, Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AMI, build, setup } from './data-host-fixture';
import { DebianBookwormImage, TimescaleDataHostProps } from '../../src';

describe('TimescaleDataHost validation', () => {
  test.each<[string, Partial<TimescaleDataHostProps>, RegExp]>([
    ['data volume below the floor', { dataVolumeSize: Size.gibibytes(10) }, /invalid `dataVolumeSize`: got 10\. Use a whole number from 20/],
    ['max_connections out of range', { maxConnections: 5 }, /invalid `maxConnections`: got 5/],
    ['instance without enough memory', { instanceType: new ec2.InstanceType('t3.micro') }, /invalid `instanceType`: t3\.micro has less than 2 GiB/],
    ['unsupported PostgreSQL version', { postgresVersion: 14 }, /invalid `postgresVersion`: got 14\. The bootstrap script supports PostgreSQL 15, 16, 17/],
    ['IOPS above 500 per GiB', { dataVolumeSize: Size.gibibytes(20), dataVolumeIops: 12000 }, /invalid `dataVolumeIops`: 12000 IOPS exceed/],
    ['throughput above IOPS / 4', { dataVolumeThroughput: 1000 }, /invalid `dataVolumeThroughput`: 1000 MiB\/s exceed/],
    ['a removal policy that deletes the data', { dataVolumeRemovalPolicy: RemovalPolicy.DESTROY }, /invalid `dataVolumeRemovalPolicy`: DESTROY deletes/],
    ['an invalid role name', { applicationUser: 'Tracker-App' }, /invalid `applicationUser`: got 'Tracker-App'/],
    ['no client ranges', { clientCidrs: [] }, /invalid `clientCidrs`: no client range/],
    ['client ranges open to the world', { clientCidrs: ['0.0.0.0/0'] }, /invalid `clientCidrs`: '0\.0\.0\.0\/0' admits/],
    ['an instance of another architecture', { instanceType: new ec2.InstanceType('t4g.medium') }, /invalid `instanceType`: t4g\.medium is arm64/],
    ['a bootstrap timeout too short', { bootstrapTimeout: Duration.minutes(1) }, /invalid `bootstrapTimeout`: got 1/],
    ['a root volume too small', { rootVolumeSize: Size.gibibytes(4) }, /invalid `rootVolumeSize`: got 4\. Use a whole number from 8/],
    ['a root device that is not a device path', { rootDeviceName: 'xvda' }, /invalid `rootDeviceName`: got 'xvda'\. Give the image's root device/],
    ['CPU credits for a non-burstable type', { instanceType: new ec2.InstanceType('m5.large'), cpuCredits: ec2.CpuCredits.STANDARD },
      /invalid `cpuCredits`: m5\.large is not a burstable/],
    ['a malformed snapshot id', { dataVolumeSnapshotId: 'snapshot-1' }, /invalid `dataVolumeSnapshotId`: got 'snapshot-1'/],
    ['a reserved metrics namespace', { agentMetricsNamespace: 'AWS/EC2' }, /invalid `agentMetricsNamespace`: got 'AWS\/EC2'\. Use 1 to 255 characters not starting with AWS\//],
    ['an empty application database name', { applicationDatabase: '' }, /invalid `applicationDatabase`: got ''/],
  ])('%s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('public subnets are refused, naming vpcSubnets', () => {
    expect(() => build({ vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }))
      .toThrow(/Stack\/DataHost: invalid `vpcSubnets`: the selection contains public subnets\. Place the data host in private subnets/);
  });

  test('a VPC without private subnets fails with our message, naming vpc', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-2' } });
    const publicOnly = ec2.Vpc.fromVpcAttributes(stack, 'PublicOnly', {
      vpcId: 'vpc-87654321', availabilityZones: ['eu-west-2a'], publicSubnetIds: ['subnet-55555555'], vpcCidrBlock: '10.50.0.0/24',
    });
    expect(() => setup(stack, { vpc: publicOnly })).toThrow(/Stack\/DataHost: invalid `vpc`: the VPC has no private subnets with egress\. Give a VPC/);
  });

  test('explicitly chosen private subnets are accepted', () => {
    build({ vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, availabilityZones: ['eu-west-2b'] } })
      .template.hasResourceProperties('AWS::EC2::Instance', { SubnetId: 'subnet-22222222' });
  });

  test('valid optional props are accepted: T-type credits, a snapshot id, a larger root volume', () => {
    build({ cpuCredits: ec2.CpuCredits.STANDARD, dataVolumeSnapshotId: 'snap-0123456789abcdef0', rootVolumeSize: Size.gibibytes(30) })
      .template.hasResourceProperties('AWS::EC2::Volume', { SnapshotId: 'snap-0123456789abcdef0' });
  });

  test('no allowed peers fails synthesis', () => {
    expect(() => build({}, false).template).toThrow(/no peer may reach the data host\. Call allowFrom\(service\)/);
  });

  test.each<[string, () => DebianBookwormImage, RegExp]>([
    ['release name', () => new DebianBookwormImage({ release: 'debian-latest', amiIds: { 'eu-west-2': AMI } }), /invalid `release`/],
    ['AMI id', () => new DebianBookwormImage({ release: 'debian-12-amd64-20250316-2053', amiIds: { 'eu-west-2': 'latest' } }), /invalid `amiIds`: got 'latest'/],
    ['empty AMI map', () => new DebianBookwormImage({ release: 'debian-12-amd64-20250316-2053', amiIds: {} }), /invalid `amiIds`: no region/],
  ])('DebianBookwormImage rejects a bad %s', (_name, make, message) => {
    expect(make).toThrow(message);
  });

  test('DebianBookwormImage in a region without an id fails synthesis', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    expect(() => setup(stack)).toThrow(/us-east-1/);
  });
});
