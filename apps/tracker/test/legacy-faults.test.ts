import * as fs from 'fs';
import * as path from 'path';
import { Match } from 'aws-cdk-lib/assertions';
import { logicalId, resources, synthEnvironments } from './synth';

/** The legacy deployment's known faults (docs/architecture.md): one test per fault, proving the fix in TrackerStaging. */
const { stagingTemplate: t, staging } = synthEnvironments();
const groups = resources(t, 'AWS::EC2::SecurityGroup');
const egressOf = (groupPath: string) => {
  const id = logicalId(t, groupPath);
  const inline = (groups[id].Properties.SecurityGroupEgress ?? []) as Array<Record<string, unknown>>;
  const separate = Object.values(resources(t, 'AWS::EC2::SecurityGroupEgress')).map((r) => r.Properties)
    .filter((r) => JSON.stringify(r.GroupId) === JSON.stringify({ 'Fn::GetAtt': [id, 'GroupId'] }));
  return [...inline, ...separate];
};

describe('the legacy deployment\'s known faults, fixed', () => {
  test.each(['Api', 'Frontend', 'Admin', 'TrackerWorker', 'TrackerFetcher2', 'Anisette'])(
    'fault 1: %s tasks may reach AWS APIs over 443 (image pulls, logs, secrets), not only 5432/6379', (service) => {
      expect(egressOf(`/${service}/SecurityGroup/Resource`)).toContainEqual(expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }));
    });

  test('fault 2: the database host has egress for packages (80/443) and SSM (443)', () => {
    const egress = egressOf('/DataHost/SecurityGroup/Resource');
    expect(egress).toContainEqual(expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443 }));
    expect(egress).toContainEqual(expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 80 }));
  });

  test('fault 3: WAF logs go to a log group named aws-waf-logs-…', () => {
    const logGroup = logicalId(t, '/WebAcl/LogGroup/Resource');
    t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-') });
    expect(resources(t, 'AWS::Logs::LogGroup')[logGroup].Properties.LogGroupName).toMatch(/^aws-waf-logs-/);
    expect(JSON.stringify(Object.values(resources(t, 'AWS::WAFv2::LoggingConfiguration'))[0].Properties.LogDestinationConfigs)).toContain(logGroup);
  });

  test('fault 4: the ALB access log bucket uses SSE-S3, not SSE-KMS', () => {
    const bucket = resources(t, 'AWS::S3::Bucket')[logicalId(t, '/Edge/AccessLogBucket/Resource')].Properties;
    expect(bucket.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(JSON.stringify(bucket)).not.toContain('aws:kms');
  });

  test('fault 5: pinned AMI, data on a retained volume, instance protected, bootstrap outside user data', () => {
    const instance = Object.values(resources(t, 'AWS::EC2::Instance'))[0].Properties;
    expect(instance.ImageId).toMatch(/^ami-[0-9a-f]{8,17}$/);
    expect(Object.keys(t.toJSON().Parameters ?? {}).filter((p) => /Ami|ImageId|ssm/i.test(p))).toEqual([]);
    expect(instance.DisableApiTermination).toBe(true);
    t.hasResource('AWS::EC2::Volume', { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' });
    t.resourceCountIs('AWS::EC2::VolumeAttachment', 1);
    // The user data only fetches the script: changing the script never changes (or replaces) the instance.
    const script = fs.readFileSync(bootstrapScript(), 'utf8');
    expect(JSON.stringify(instance.UserData)).not.toContain(script.split('\n').find((l) => l.includes('amazon-ssm-agent'))!.trim());
  });

  test('fault 6: every secret is generated, none is a placeholder to fill by hand', () => {
    const secrets = Object.values(resources(t, 'AWS::SecretsManager::Secret'));
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const secret of secrets) {
      expect(secret.Properties.GenerateSecretString).toBeDefined();
      expect(secret.Properties.SecretString).toBeUndefined();
    }
  });

  test('fault 7: the bootstrap the data host runs installs the SSM agent', () => {
    const script = fs.readFileSync(bootstrapScript(), 'utf8');
    expect(script).toMatch(/amazon-ssm-agent/);
    expect(staging.dataHost!.bootstrapCommands.join('\n')).toMatch(/bootstrap/);
    t.hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: Match.arrayWith([Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('AmazonSSMManagedInstanceCore')])] })]),
    });
  });
});

/** The data host's bootstrap script, shipped as an asset by the library. */
function bootstrapScript(): string {
  return path.join(path.dirname(require.resolve('@glimpse/standard-constructs/package.json')), 'assets', 'data-host', 'bootstrap.sh');
}
