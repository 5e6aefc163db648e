import { Stack } from 'aws-cdk-lib';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { BootstrapConfig, bootstrapConfigLines } from './bootstrap-config';
import { bundledBootstrapScriptPath } from './bootstrap-script-bundle';

/** Where the instance keeps its copy of the configuration and of the script. */
const CONFIG_FILE = '/etc/data-host/config';
const SCRIPT_FILE = '/usr/local/sbin/data-host-bootstrap';

/**
 * The bootstrap script as an S3 asset and its configuration (KEY=VALUE lines,
 * no secret values: the script reads those from Secrets Manager) in an SSM
 * parameter. The instance's user data only names the parameter, so changing
 * the script or the configuration never changes the user data, and re-running
 * `commands` (SSM Run Command) applies the current script and configuration.
 */
export class BootstrapFiles extends Construct {
  public readonly script: s3assets.Asset;
  public readonly config: ssm.StringParameter;
  /** Shell commands that fetch the configuration and the script, then run it as root. */
  public readonly commands: string[];

  constructor(scope: Construct, id: string, config: BootstrapConfig) {
    super(scope, id);
    // bootstrap.sh with the scripts it sources inlined: one file, so the user data that fetches it never changes.
    this.script = new s3assets.Asset(this, 'Script', { path: bundledBootstrapScriptPath() });
    const lines = [...bootstrapConfigLines(config), `BOOTSTRAP_SCRIPT_URL=${this.script.s3ObjectUrl}`];
    this.config = new ssm.StringParameter(this, 'Config', {
      description: 'TimescaleDataHost bootstrap configuration (no secret values)',
      stringValue: lines.join('\n'),
    });
    const region = Stack.of(this).region;
    // A failure before the bootstrap's own trap (no CLI, no parameter, no script)
    // still signals CloudFormation at once instead of after bootstrapTimeout.
    const signalFailure = `aws cloudformation signal-resource --region ${region} --stack-name ${config.signalStack} `
      + `--logical-resource-id ${config.signalResource} --status FAILURE `
      + '--unique-id "$(cat /var/lib/cloud/data/instance-id 2>/dev/null || echo bootstrap)" || true';
    this.commands = [
      'set -euo pipefail',
      `trap '${signalFailure}' ERR`,
      'export DEBIAN_FRONTEND=noninteractive',
      'command -v aws >/dev/null || { apt-get update -qq && apt-get install -y -qq awscli; }',
      'install -d -m 0700 /etc/data-host',
      `aws ssm get-parameter --region ${region} --name ${this.config.parameterName} --query Parameter.Value --output text > ${CONFIG_FILE}`,
      `aws s3 cp --region ${region} --only-show-errors "$(sed -n 's/^BOOTSTRAP_SCRIPT_URL=//p' ${CONFIG_FILE})" ${SCRIPT_FILE}`,
      `chmod 0700 ${SCRIPT_FILE}`,
      `${SCRIPT_FILE} ${CONFIG_FILE}`,
    ];
  }
}
