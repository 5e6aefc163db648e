import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge, hipaaAndNist } from '../internal/acknowledge';

/** JSON key of the password in each of the host's secrets. */
export const PASSWORD_FIELD = 'password';

/** Properties of `HostSecrets`. */
export interface HostSecretsProps {
  readonly name: string;
  readonly applicationUser: string;
  readonly encryptionKey: kms.IKey;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The host's three generated secrets, JSON `{ username, password }`. They are
 * created directly in the host's scope (not in a construct of their own) so
 * that their logical ids stay those of deployed stacks.
 */
export class HostSecrets {
  public readonly superuser: secretsmanager.Secret;
  public readonly application: secretsmanager.Secret;
  public readonly valkey: secretsmanager.Secret;

  constructor(host: Construct, props: HostSecretsProps) {
    const make = (id: string, username: string, description: string) => generatedSecret(host, id, username, description, props);
    this.superuser = make('SuperuserSecret', 'postgres', `${props.name} PostgreSQL superuser`);
    this.application = make('ApplicationSecret', props.applicationUser, `${props.name} PostgreSQL application role`);
    this.valkey = make('ValkeySecret', 'default', `${props.name} Valkey password`);
  }

  public get all(): secretsmanager.Secret[] {
    return [this.superuser, this.application, this.valkey];
  }
}

/** Letters and digits only: safe in SQL, Valkey's configuration and connection URLs. */
function generatedSecret(scope: Construct, id: string, username: string, description: string, props: HostSecretsProps): secretsmanager.Secret {
  const secret = new secretsmanager.Secret(scope, id, {
    description,
    encryptionKey: props.encryptionKey,
    removalPolicy: props.removalPolicy,
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ username }),
      generateStringKey: PASSWORD_FIELD,
      passwordLength: 32,
      excludePunctuation: true,
    },
  });
  const reason = 'The password lives inside the self-managed PostgreSQL/Valkey on the host; rotating it needs a rotation '
    + 'function that also changes it there. Re-running the bootstrap after changing the secret applies a new value.';
  acknowledge(secret, ['AwsSolutions-SMG4', ...hipaaAndNist('SecretsManagerRotationEnabled')], reason);
  return secret;
}
