/**
 * The continuous-archive and restore lines of a synthesized TimescaleDataHost's
 * bootstrap configuration: the drill runs the bootstrap with what the construct
 * generates, not with a hand-written copy.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { BackupRepository, DebianBookwormImage, TimescaleDataHost, TimescaleDataHostProps } from '../../../src';
import { importedVpc } from '../../imported-vpc';
import { bootstrapConfigValue } from '../../data-host/data-host-fixture';

export const DRILL_KEY_ARN = 'arn:aws:kms:eu-west-2:111111111111:key/11111111-2222-3333-4444-555555555555';

/** Renders the parameter's Fn::Join with the pseudo parameters a deployment in eu-west-2 would give it. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v['Fn::Join'])) {
    const [delimiter, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(delimiter);
  }
  const pseudo: Record<string, string> = {
    'AWS::URLSuffix': 'amazonaws.com', 'AWS::Region': 'eu-west-2', 'AWS::StackName': 'Drill', 'AWS::Partition': 'aws', 'AWS::AccountId': '111111111111',
  };
  if (typeof v.Ref === 'string' && v.Ref in pseudo) return pseudo[v.Ref];
  return `<${JSON.stringify(value)}>`;
}

/** What the drill takes from a synthesized host: its archive settings and its role's policy. */
export interface SynthesizedArchive {
  /** `PGBACKREST_*` and `RESTORE_*` lines of the bootstrap configuration. */
  readonly settings: string[];
  /** The instance role's policy statements, references rendered for eu-west-2. */
  readonly statements: Array<Record<string, unknown>>;
}

function renderDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renderDeep);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('Fn::Join' in v || 'Ref' in v || 'Fn::GetAtt' in v) return render(value);
    return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, renderDeep(item)]));
  }
  return value;
}

/** The archive settings and role policy of a host archiving to `bucketName` (eu-west-2) with `props`. */
export function synthesizedArchive(bucketName: string, props: Partial<TimescaleDataHostProps>): SynthesizedArchive {
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
    applicationUser: 'tracker',
    applicationDatabase: 'tracker',
    postgresVersion: 15,
    machineImage: new DebianBookwormImage({ release: 'debian-12-amd64-20250316-2053', amiIds: { 'eu-west-2': 'ami-0123456789abcdef0' } }),
    ...props,
    continuousArchive: { repository, ...props.continuousArchive },
  });
  host.allowFrom(new ec2.SecurityGroup(stack, 'Client', { vpc }));
  const template = Template.fromStack(stack);
  const config = render(bootstrapConfigValue(template));
  const statements = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
    .map((statement) => renderDeep(statement) as Record<string, unknown>);
  return { settings: config.split('\n').filter((line) => /^(PGBACKREST_|RESTORE_)/.test(line)), statements };
}
