import { Template } from 'aws-cdk-lib/assertions';
import { resources, synthEnvironments } from './synth';
import { PRODUCTION, STAGING } from '../src/config';

const { stagingTemplate, productionTemplate } = synthEnvironments();

/** Every egress rule in a template, inline on security groups and standalone. */
function egressRules(template: Template): Array<Record<string, any>> {
  return [
    ...Object.values(resources(template, 'AWS::EC2::SecurityGroup')).flatMap((sg) => sg.Properties.SecurityGroupEgress ?? []),
    ...Object.values(resources(template, 'AWS::EC2::SecurityGroupEgress')).map((r) => r.Properties),
  ];
}

describe.each([
  [STAGING.stackName, stagingTemplate],
  [PRODUCTION.stackName, productionTemplate],
])('%s data store egress', (_name, t) => {
  test('nothing reaches PostgreSQL or Valkey ports on 0.0.0.0/0; the internet is reachable on 443 (and 80 for the data host\'s packages) only', () => {
    const open = egressRules(t).filter((r) => r.CidrIp === '0.0.0.0/0' || r.CidrIpv6 === '::/0');
    expect(open.length).toBeGreaterThan(0);
    for (const rule of open) expect([80, 443]).toContain(rule.FromPort);
    for (const rule of open) expect(rule.ToPort).toBe(rule.FromPort);
  });
});

test('staging services reach the data host\'s security group on 5432 and 6379, not an address range', () => {
  const dataRules = egressRules(stagingTemplate).filter((r) => [5432, 6379].includes(r.FromPort));
  expect(dataRules.length).toBeGreaterThan(0);
  for (const rule of dataRules) {
    expect(rule.CidrIp).toBeUndefined();
    expect(JSON.stringify(rule.DestinationSecurityGroupId)).toMatch(/DataHostSecurityGroup/);
  }
});

test('production services reach the peered VPC\'s CIDR on its data store ports only', () => {
  const existing = PRODUCTION.existingDataStores!;
  const dataRules = egressRules(productionTemplate).filter((r) => [existing.postgresPort, existing.redisPort].includes(r.FromPort));
  expect(dataRules.length).toBeGreaterThan(0);
  for (const rule of dataRules) expect(rule.CidrIp).toBe(existing.peerCidr);
});
