import { VERSION_CONTEXT_KEY } from '@glimpse/standard-constructs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AZ_CONTEXT, logicalId, resources, synthEnvironments, VERSION } from './synth';
import { buildApp } from '../src/app';
import { PRODUCTION } from '../src/config';
import { ALLOW_PLACEHOLDERS_CONTEXT } from '../src/placeholders';

const { productionTemplate: t } = synthEnvironments();
const existing = PRODUCTION.existingDataStores!;

describe('production data path', () => {
  test('the peer\'s AWS-provided host names resolve from this VPC (accepter DNS option on this peering)', () => {
    const calls = Object.values(resources(t, 'Custom::AWS')).map((r) => JSON.stringify(r.Properties.Create));
    const dns = calls.filter((c) => c.includes('modifyVpcPeeringConnectionOptions'));
    expect(dns).toHaveLength(1);
    expect(dns[0]).toContain('\\"AccepterPeeringConnectionOptions\\":{\\"AllowDnsResolutionFromRemoteVpc\\":true}');
    expect(dns[0]).toContain(`{"Ref":"${logicalId(t, '/Peering/Connection')}"}`);
  });

  test('the private hosted zone of the existing hosts is associated with this VPC', () => {
    const calls = Object.values(resources(t, 'Custom::AWS')).map((r) => JSON.stringify(r.Properties.Create));
    const associations = calls.filter((c) => c.includes('associateVPCWithHostedZone'));
    expect(associations).toHaveLength(existing.peerPrivateHostedZoneIds.length);
    existing.peerPrivateHostedZoneIds.forEach((zone, i) => {
      expect(associations[i]).toContain(`\\"HostedZoneId\\":\\"${zone}\\"`);
      expect(associations[i]).toContain(`{"Ref":"${logicalId(t, '/Network/Vpc/Resource')}"}`);
    });
  });

  test('the admission checklist names every port the services send to the peer, from this VPC\'s CIDR', () => {
    const inline = Object.values(resources(t, 'AWS::EC2::SecurityGroup')).flatMap((g) => (g.Properties.SecurityGroupEgress ?? []) as Array<Record<string, any>>);
    const egress = [...Object.values(resources(t, 'AWS::EC2::SecurityGroupEgress')).map((r) => r.Properties), ...inline]
      .filter((r) => r.CidrIp === existing.peerCidr);
    expect(egress.length).toBeGreaterThan(0);
    const portsUsed = [...new Set(egress.map((r) => r.FromPort as number))].sort();
    const security = existing.peerAdmissionChecklist.filter((line) => line.where.includes('security group'));
    expect([...new Set(security.map((line) => line.port))].sort()).toEqual(portsUsed);
    const acls = existing.peerAdmissionChecklist.filter((line) => line.where.includes('network ACL'));
    expect([...new Set(acls.map((line) => line.port))].sort()).toEqual(portsUsed);
    for (const line of existing.peerAdmissionChecklist) expect(line.fromCidr).toBe(PRODUCTION.vpcCidr);
  });

  describe('a customer-managed key on the imported secrets', () => {
    const KEY = 'arn:aws:kms:eu-west-2:590183930624:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    const app = buildApp(new App({ context: { ...AZ_CONTEXT, [VERSION_CONTEXT_KEY]: VERSION, [ALLOW_PLACEHOLDERS_CONTEXT]: 'true' } }),
      [{ ...PRODUCTION, existingDataStores: { ...existing, secretsKeyArn: KEY } }]);
    const template = Template.fromStack(app.node.findChild(PRODUCTION.stackName) as any);

    /** The roles whose policies allow kms:Decrypt on the key, by role logical id, with the statements. */
    const decryptors = () => {
      const byRole: Record<string, Array<Record<string, any>>> = {};
      const policies = [...Object.values(template.findResources('AWS::IAM::Policy')), ...Object.values(template.findResources('AWS::IAM::ManagedPolicy'))];
      for (const policy of policies) {
        const statements = (policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>)
          .filter((s) => [s.Action].flat().includes('kms:Decrypt') && [s.Resource].flat().includes(KEY));
        for (const role of policy.Properties.Roles as Array<{ Ref: string }>) {
          if (statements.length > 0) byRole[role.Ref] = [...(byRole[role.Ref] ?? []), ...statements];
        }
      }
      return byRole;
    };

    test('exactly the execution roles of the services that read the secrets may decrypt with it', () => {
      const stack = app.node.findChild(PRODUCTION.stackName) as any;
      const executionRole = (service: string) => stack.getLogicalId(stack.node.findChild(service).node.findChild('ExecutionRole').node.defaultChild);
      expect(Object.keys(decryptors()).sort()).toEqual(['Api', 'TrackerWorker', 'TrackerFetcher2'].map(executionRole).sort());
    });

    test('only through Secrets Manager in this region', () => {
      for (const statements of Object.values(decryptors())) {
        for (const statement of statements) {
          expect(statement.Effect).toBe('Allow');
          expect(statement.Condition).toEqual({ StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-2.amazonaws.com' } });
        }
      }
    });
  });

  test('no key configured: no role gets kms:Decrypt beyond the project key', () => {
    expect(existing.secretsKeyArn).toBeUndefined();
    const projectKey = JSON.stringify({ 'Fn::GetAtt': [logicalId(t, '/ProjectKey/Key/Resource'), 'Arn'] });
    for (const policy of [...Object.values(resources(t, 'AWS::IAM::Policy')), ...Object.values(resources(t, 'AWS::IAM::ManagedPolicy'))]) {
      for (const s of policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>) {
        if ([s.Action].flat().includes('kms:Decrypt')) expect([s.Resource].flat().map((r) => JSON.stringify(r))).toEqual([projectKey]);
      }
    }
  });
});
