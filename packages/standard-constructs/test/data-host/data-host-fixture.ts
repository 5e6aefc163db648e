/** Builds a TimescaleDataHost in a fresh stack, for the data-host unit tests. */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DebianBookwormImage, TimescaleDataHost, TimescaleDataHostProps } from '../../src';
import { importedVpc } from '../imported-vpc';

export const AMI = 'ami-0123456789abcdef0';

export interface Built { readonly stack: Stack; readonly host: TimescaleDataHost; readonly client: ec2.SecurityGroup; readonly template: Template }

export function setup(stack: Stack, props: Partial<TimescaleDataHostProps> = {}, allow = true):
{ host: TimescaleDataHost; client: ec2.SecurityGroup } {
  const vpc = importedVpc(stack);
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const host = new TimescaleDataHost(stack, 'DataHost', {
    vpc,
    encryptionKey: key,
    projectName: 'tracker-restapi',
    environmentName: 'staging',
    applicationUser: 'tracker',
    applicationDatabase: 'tracker',
    machineImage: new DebianBookwormImage({ release: 'debian-12-amd64-20250316-2053', amiIds: { 'eu-west-2': AMI } }),
    ...props,
  });
  const client = new ec2.SecurityGroup(stack, 'Client', { vpc, allowAllOutbound: false });
  if (allow) host.allowFrom(client);
  return { host, client };
}

export function build(props: Partial<TimescaleDataHostProps> = {}, allow = true): Built {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-2' } });
  const { host, client } = setup(stack, props, allow);
  return { stack, host, client, get template() { return Template.fromStack(stack); } };
}

/** Every statement of the instance role's managed policy. */
export function hostStatements(template: Template): Array<Record<string, unknown>> {
  const policies = template.findResources('AWS::IAM::ManagedPolicy');
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
}


/** The bootstrap configuration parameter's raw value (KEY=VALUE lines, with tokens). */
export function bootstrapConfigValue(template: Template): unknown {
  const parameters = template.findResources('AWS::SSM::Parameter', { Properties: { Description: 'TimescaleDataHost bootstrap configuration (no secret values)' } });
  const values = Object.values(parameters);
  if (values.length !== 1) throw new Error(`expected one bootstrap configuration parameter, found ${values.length}`);
  return values[0].Properties.Value;
}

/** The bootstrap configuration parameter's value (KEY=VALUE lines, tokens as JSON). */
export function bootstrapConfig(template: Template): string {
  return JSON.stringify(bootstrapConfigValue(template));
}
