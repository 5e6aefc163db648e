import { RemovalPolicy } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { bootstrapConfig, build } from './data-host-fixture';

describe('TimescaleDataHost: state parameters, grants, removal policies', () => {
  const { template } = build();

  test('exactly these resources: what the removed template snapshot guarded, counted by type', () => {
    const counts: Record<string, number> = {};
    for (const resource of Object.values(template.toJSON().Resources as Record<string, { Type: string }>)) {
      counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
    }
    expect(counts).toEqual({
      'AWS::KMS::Key': 1,
      'AWS::SecretsManager::Secret': 3,
      'AWS::Logs::LogGroup': 1,
      'AWS::EC2::SecurityGroup': 2,
      'AWS::EC2::SecurityGroupIngress': 2,
      'AWS::EC2::SecurityGroupEgress': 2,
      'AWS::EC2::Volume': 1,
      'AWS::EC2::VolumeAttachment': 1,
      'AWS::IAM::Role': 2,
      'AWS::IAM::ManagedPolicy': 1,
      'AWS::IAM::InstanceProfile': 1,
      'AWS::CloudFormation::WaitCondition': 1,
      'AWS::SSM::Parameter': 3,
      // The continuous archive's repository (pgBackRest), retained.
      'AWS::S3::Bucket': 1,
      'AWS::S3::BucketPolicy': 1,
      'AWS::EC2::Instance': 1,
      'AWS::Backup::BackupVault': 1,
      'AWS::Backup::BackupPlan': 1,
      'AWS::Backup::BackupSelection': 1,
      'AWS::CloudWatch::Alarm': 1,
    });
  });

  test('the init marker starts at "none" and the CA parameter waits for the bootstrap; the configuration names both', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', { Type: 'String', Value: 'none', Description: Match.stringLikeRegexp('initialised on') });
    template.hasResourceProperties('AWS::SSM::Parameter', { Type: 'String', Value: Match.stringLikeRegexp('^pending'), Description: Match.stringLikeRegexp('TLS CA') });
    const config = bootstrapConfig(template);
    expect(config).toMatch(/INIT_MARKER_PARAMETER=.*\{"Ref":"DataHostInitMarker[0-9A-F]{8}"\}/);
    expect(config).toMatch(/CA_PARAMETER=.*\{"Ref":"DataHostCaCertificate[0-9A-F]{8}"\}/);
    expect(config).toMatch(/TIMESCALEDB_VERSION=\d+\.\d+\.\d+\\n/);
    expect(config).toContain('TIMESCALEDB_KEY_FINGERPRINTS=1005FB68604CE9B8F6879CF759F18EDF47F24417,');
  });

  test('user data signals FAILURE at once when a step before the bootstrap fails', () => {
    const userData = JSON.stringify(Object.values(template.findResources('AWS::EC2::Instance'))[0].Properties.UserData);
    expect(userData).toMatch(/trap 'aws cloudformation signal-resource --region eu-west-2 --stack-name .*--logical-resource-id DataHostBootstrapped[0-9A-F]{8} --status FAILURE/);
    // The trap is set before the first command that can fail.
    expect(userData.indexOf('trap ')).toBeLessThan(userData.indexOf('apt-get'));
  });

  test('grantReadApplicationSecret gives the grantee read on that secret only', () => {
    const built = build();
    const grantee = new iam.Role(built.stack, 'Reader', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    expect(built.host.grantReadApplicationSecret(grantee).success).toBe(true);
    const readerStatements = Object.values(built.template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes('Reader'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(readerStatements).toEqual([{
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      Effect: 'Allow',
      Resource: { Ref: expect.stringMatching(/^DataHostApplicationSecret/) },
    }]);
  });

  test('secrets and the log group are retained by default; their removal policies are props', () => {
    for (const type of ['AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup']) {
      expect(Object.values(template.findResources(type)).map((r) => r.DeletionPolicy)).toEqual(
        type === 'AWS::Logs::LogGroup' ? ['Retain'] : ['Retain', 'Retain', 'Retain']);
    }
    const throwaway = build({ secretsRemovalPolicy: RemovalPolicy.DESTROY, logGroupRemovalPolicy: RemovalPolicy.DESTROY }).template;
    expect(Object.values(throwaway.findResources('AWS::SecretsManager::Secret')).map((r) => r.DeletionPolicy)).toEqual(['Delete', 'Delete', 'Delete']);
    expect(Object.values(throwaway.findResources('AWS::Logs::LogGroup')).map((r) => r.DeletionPolicy)).toEqual(['Delete']);
    // The data volume keeps its own policy.
    throwaway.hasResource('AWS::EC2::Volume', { DeletionPolicy: 'Snapshot' });
  });
});
