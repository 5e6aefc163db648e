import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { dataStores, platform, Platform, workerProps } from './fixtures';
import { TrackerWorkerService, TrackerWorkerServiceProps } from '../../src/service';

function build(props: (p: Platform, stack: Stack) => TrackerWorkerServiceProps) {
  const stack = new Stack(new App(), 'S');
  new TrackerWorkerService(stack, 'Api', props(platform(stack), stack));
  return Template.fromStack(stack);
}

/** Every egress rule of the service's own security group, inline and standalone. */
function egressRules(template: Template): Array<Record<string, unknown>> {
  const ownGroup = (id: string) => id.startsWith('ApiSecurityGroup');
  const inline = Object.entries(template.findResources('AWS::EC2::SecurityGroup'))
    .filter(([id]) => ownGroup(id))
    .flatMap(([, sg]) => (sg.Properties.SecurityGroupEgress ?? []) as Array<Record<string, unknown>>);
  const standalone = Object.values(template.findResources('AWS::EC2::SecurityGroupEgress'))
    .map((r) => r.Properties as Record<string, any>)
    .filter((r) => ownGroup(String(r.GroupId?.['Fn::GetAtt']?.[0] ?? '')));
  return [...inline, ...standalone];
}

/** The data store ports must never be open to the internet. */
function expectNoOpenDataStorePorts(template: Template): void {
  const open = egressRules(template).filter((r) => r.CidrIp === '0.0.0.0/0' && r.FromPort !== 443);
  expect(open).toEqual([]);
}

describe('data store network path', () => {
  test('dataStores without a peer open no data store port, least of all to 0.0.0.0/0', () => {
    const template = build((p) => workerProps(p));
    expectNoOpenDataStorePorts(template);
    expect(egressRules(template).map((r) => r.FromPort)).toEqual([443]);
  });

  test('a data host security group as peer: egress to that group only, and its ingress from the service, on 5432 and 6379', () => {
    const template = build((p, stack) => workerProps(p, {
      dataStores: { ...dataStores(p), peer: ec2.SecurityGroup.fromSecurityGroupId(stack, 'DataHostSg', 'sg-0d0d0d0d0d0d0d0d0', { allowAllOutbound: false }) },
    }));
    expectNoOpenDataStorePorts(template);
    for (const port of [5432, 6379]) {
      template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
        GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiSecurityGroup'), 'GroupId'] },
        DestinationSecurityGroupId: 'sg-0d0d0d0d0d0d0d0d0',
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
      });
      template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
        GroupId: 'sg-0d0d0d0d0d0d0d0d0',
        SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiSecurityGroup'), 'GroupId'] },
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
      });
    }
  });

  test('a peered VPC CIDR as peer: egress to that CIDR on the endpoints\' own ports', () => {
    const template = build((p) => workerProps(p, {
      dataStores: { ...dataStores(p), endpoints: { ...p.dataStores, postgresPort: 5433, redisPort: 6380 }, peer: ec2.Peer.ipv4('10.20.0.0/16') },
    }));
    expectNoOpenDataStorePorts(template);
    const rules = egressRules(template).filter((r) => r.FromPort !== 443);
    expect(rules).toEqual([
      expect.objectContaining({ CidrIp: '10.20.0.0/16', IpProtocol: 'tcp', FromPort: 5433, ToPort: 5433 }),
      expect.objectContaining({ CidrIp: '10.20.0.0/16', IpProtocol: 'tcp', FromPort: 6380, ToPort: 6380 }),
    ]);
  });

});
