import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { glimpseFindings, ruleFindings } from '../glimpse-findings';
import { REGISTRY, SHA } from './fixtures';

function task(stack: Stack, environment: Record<string, string>): ecs.FargateTaskDefinition {
  const t = new ecs.FargateTaskDefinition(stack, 'Task', { cpu: 256, memoryLimitMiB: 512 });
  t.addContainer('api', { image: ecs.ContainerImage.fromRegistry(`${REGISTRY}:${SHA}`), environment });
  return t;
}

describe('Glimpse-ContainerEnvironmentNoSecrets', () => {
  test('compliant: secrets passed as secrets, pointers and settings in the environment', () => {
    const findings = glimpseFindings((stack) => {
      const secret = new secretsmanager.Secret(stack, 'DbSecret');
      const t = task(stack, {
        DB_HOST: 'db.internal',
        DB_PASSWORD_SECRET_ARN: secret.secretArn,
        PASSWORD_ENCRYPTION: 'scram-sha-256',
        DATABASE_URL: 'postgres://app@db.internal:5432/app',
        API_TOKEN: '',
      });
      t.defaultContainer!.addSecret('DB_PASSWORD', ecs.Secret.fromSecretsManager(secret, 'password'));
    });
    expect(ruleFindings(findings, 'ContainerEnvironmentNoSecrets')).toEqual([]);
  });

  test('non-compliant: literal secrets and secret-shaped values, one finding per variable', () => {
    const findings = glimpseFindings((stack) => {
      task(stack, {
        DB_PASSWORD: 'changeme',
        apiKey: 'abc123',
        DATABASE_URL: 'postgres://app:hunter2@db.internal:5432/app',
        AWS_KEY: 'AKIAABCDEFGHIJKLMNOP',
        LOG_LEVEL: 'info',
      });
    });
    expect(ruleFindings(findings, 'ContainerEnvironmentNoSecrets')).toEqual([
      'Glimpse-ContainerEnvironmentNoSecrets[api:DB_PASSWORD] Test/Task/Resource',
      'Glimpse-ContainerEnvironmentNoSecrets[api:apiKey] Test/Task/Resource',
      'Glimpse-ContainerEnvironmentNoSecrets[api:DATABASE_URL] Test/Task/Resource',
      'Glimpse-ContainerEnvironmentNoSecrets[api:AWS_KEY] Test/Task/Resource',
    ]);
  });
});

describe('Glimpse-UserDataNoSecrets', () => {
  function launchTemplate(stack: Stack, ...commands: string[]) {
    const userData = ec2.UserData.forLinux();
    userData.addCommands(...commands);
    new ec2.LaunchTemplate(stack, 'Template', { userData, requireImdsv2: true });
  }

  test('compliant: secrets read at boot from Secrets Manager', () => {
    const findings = glimpseFindings((stack) => launchTemplate(stack,
      'PGPASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)',
      'export PGPASSWORD',
      "echo \"password_encryption = 'scram-sha-256'\" >> /etc/postgresql/postgresql.conf",
    ));
    expect(ruleFindings(findings, 'UserDataNoSecrets')).toEqual([]);
  });

  test('non-compliant: a literal password and a private key', () => {
    const findings = glimpseFindings((stack) => launchTemplate(stack,
      'export POSTGRES_PASSWORD="s3cret!"',
      'cat > /root/key.pem <<EOF\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\nEOF',
    ));
    expect(ruleFindings(findings, 'UserDataNoSecrets')).toEqual([
      'Glimpse-UserDataNoSecrets[POSTGRES_PASSWORD] Test/Template/Resource',
      'Glimpse-UserDataNoSecrets[PrivateKey] Test/Template/Resource',
    ]);
  });
});
