/**
 * The continuous-archive and restore lines of a synthesized TimescaleDataHost's
 * bootstrap configuration: the drill runs the bootstrap with what the construct
 * generates, not with a hand-written copy.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { BackupRepository, DebianBookwormImage, TimescaleDataHost, TimescaleDataHostProps } from '../../src';
import { importedVpc } from '../imported-vpc';

export const DRILL_KEY_ARN = 'arn:aws:kms:eu-west-2:111111111111:key/11111111-2222-3333-4444-555555555555';

/** Renders the parameter's Fn::Join with the pseudo parameters a deployment in eu-west-2 would give it. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v['Fn::Join'])) {
    const [delimiter, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(delimiter);
  }
  const pseudo: Record<string, string> = { 'AWS::URLSuffix': 'amazonaws.com', 'AWS::Region': 'eu-west-2', 'AWS::StackName': 'Drill' };
  if (typeof v.Ref === 'string' && v.Ref in pseudo) return pseudo[v.Ref];
  return `<${JSON.stringify(value)}>`;
}

/** `PGBACKREST_*` and `RESTORE_*` lines for a host archiving to `bucketName` (eu-west-2) with `props`. */
export function synthesizedArchiveSettings(bucketName: string, props: Partial<TimescaleDataHostProps>): string[] {
  const stack = new Stack(new App(), 'Drill', { env: { account: '111111111111', region: 'eu-west-2' } });
  const repository = BackupRepository.fromRepositoryAttributes(stack, 'Repository', {
    bucketName, region: 'eu-west-2', encryptionKeyArn: DRILL_KEY_ARN,
  });
  const vpc = importedVpc(stack);
  const host = new TimescaleDataHost(stack, 'DataHost', {
    vpc,
    encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
    projectName: 'tracker',
    environmentName: 'drill',
    postgresVersion: 15,
    machineImage: new DebianBookwormImage({ release: 'debian-12-amd64-20250316-2053', amiIds: { 'eu-west-2': 'ami-0123456789abcdef0' } }),
    ...props,
    continuousArchive: { repository, ...props.continuousArchive },
  });
  host.allowFrom(new ec2.SecurityGroup(stack, 'Client', { vpc }));
  const parameters = Object.values(Template.fromStack(stack).findResources('AWS::SSM::Parameter'));
  const config = render(parameters[0].Properties.Value);
  return config.split('\n').filter((line) => /^(PGBACKREST_|RESTORE_)/.test(line));
}
