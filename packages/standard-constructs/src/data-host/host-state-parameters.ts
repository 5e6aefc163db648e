import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/** The initialisation marker's value until a database has been initialised. */
export const NO_DATABASE_YET = 'none';
const CA_PENDING = 'pending: the bootstrap publishes the host CA certificate here';

/**
 * Two SSM parameters the bootstrap writes and the construct creates:
 * - `InitMarker` names the data volume a database was first initialised on.
 *   While it says `none` a blank volume is a new database; afterwards a blank
 *   or unreadable volume fails the bootstrap instead of becoming an empty
 *   production database. Set it back to `none` by hand only to start afresh.
 * - `CaCertificate` holds the PEM certificate of the host's TLS CA, so that
 *   clients can verify the server (`sslmode=verify-full`, Valkey TLS).
 * CloudFormation only writes their initial values: never change them in the
 * template, or an update resets what the bootstrap wrote (it re-publishes the
 * CA on its next run, but the marker would be lost).
 */
export class HostStateParameters {
  public readonly initMarker: ssm.StringParameter;
  public readonly caCertificate: ssm.StringParameter;

  constructor(host: Construct, name: string) {
    this.initMarker = new ssm.StringParameter(host, 'InitMarker', {
      description: `${name} data host: the data volume its database was initialised on (written by the bootstrap)`,
      stringValue: NO_DATABASE_YET,
    });
    this.caCertificate = new ssm.StringParameter(host, 'CaCertificate', {
      description: `${name} data host: TLS CA certificate (PEM) of PostgreSQL and Valkey (written by the bootstrap)`,
      stringValue: CA_PENDING,
      tier: ssm.ParameterTier.STANDARD,
    });
  }
}
