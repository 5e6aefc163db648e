/**
 * What every ECS task needs at run time, read from its task definition:
 * the execution role pulls each image (cross-account, from the registry),
 * writes each awslogs log group and reads each secret; the task role mounts
 * each EFS volume and, where ECS Exec is on, opens its channels and logs.
 */
import { Request } from './evaluate';
import { logGroupArn, readSecret, secretArnOf, writeLogs } from './flow-helpers';
import { PolicyIndex } from './policy-index';
import { LoadedStack } from './templates';

interface Container {
  Name: string;
  Image: string;
  LogConfiguration?: { LogDriver: string; Options?: Record<string, string> };
  Secrets?: Array<{ Name: string; ValueFrom: string }>;
  MountPoints?: Array<{ SourceVolume: string; ReadOnly?: boolean }>;
}

interface Volume { Name: string; EFSVolumeConfiguration?: { FilesystemId: string; AuthorizationConfig?: { AccessPointId?: string; IAM?: string } } }

export interface TaskDefinition {
  readonly stack: LoadedStack;
  readonly logicalId: string;
  readonly executionRole?: string;
  readonly taskRole?: string;
  readonly containers: Container[];
  readonly volumes: Volume[];
}

export function taskDefinitions(index: PolicyIndex): TaskDefinition[] {
  return index.stacks.flatMap((stack) => stack.resources('AWS::ECS::TaskDefinition').map(([logicalId, td]) => {
    const p = stack.resolver.resolve(td.Properties) as Record<string, unknown>;
    return {
      stack, logicalId,
      executionRole: p.ExecutionRoleArn as string | undefined,
      taskRole: p.TaskRoleArn as string | undefined,
      containers: p.ContainerDefinitions as Container[],
      volumes: (p.Volumes as Volume[] | undefined) ?? [],
    };
  }));
}

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:@]+)/;

/** The image's repository ARN when it is an ECR image (CDK's own asset repositories excluded: no template declares them). */
export function imageRepository(image: string): string | undefined {
  const m = ECR_IMAGE.exec(image);
  if (!m || m[3].startsWith('cdk-')) return undefined;
  return `arn:aws:ecr:${m[2]}:${m[1]}:repository/${m[3]}`;
}

const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];

export function imagePullRequests(index: PolicyIndex): Request[] {
  return taskDefinitions(index).flatMap((td) => td.containers.flatMap((c) => {
    const repo = imageRepository(c.Image);
    if (!repo || !td.executionRole) return [];
    if (!index.find(repo)) throw new Error(`${td.stack.name}/${td.logicalId}: image ${c.Image} is in ${repo}, which no loaded template declares`);
    const who = `${td.stack.name}/${td.logicalId} execution role`;
    return [
      ...PULL.map((action) => ({ name: `${who} ${action} ${repo}`, principal: td.executionRole!, action, resource: repo })),
      { name: `${who} ecr:GetAuthorizationToken`, principal: td.executionRole, action: 'ecr:GetAuthorizationToken', resource: '*' },
    ];
  }));
}

export function containerLogRequests(index: PolicyIndex): Request[] {
  return taskDefinitions(index).flatMap((td) => td.containers.flatMap((c) => {
    if (c.LogConfiguration?.LogDriver !== 'awslogs' || !td.executionRole) return [];
    const group = c.LogConfiguration.Options!['awslogs-group'];
    return writeLogs(`${td.stack.name}/${td.logicalId}/${c.Name} execution role`, td.executionRole, logGroupArn(td.stack, group));
  }));
}

export function containerSecretRequests(index: PolicyIndex): Request[] {
  return taskDefinitions(index).flatMap((td) => td.containers.flatMap((c) => (c.Secrets ?? []).flatMap((s) => {
    const who = `${td.stack.name}/${td.logicalId}/${c.Name} execution role (${s.Name})`;
    if (s.ValueFrom.includes(':ssm:')) return [{ name: `${who} reads ${s.ValueFrom}`, principal: td.executionRole!, action: 'ssm:GetParameters', resource: s.ValueFrom }];
    return readSecret(index, who, td.executionRole!, secretArnOf(s.ValueFrom));
  })));
}

/** EFS mounts: ClientMount (and ClientWrite unless read-only) through the volume's access point, with TLS. */
export function efsMountRequests(index: PolicyIndex): Request[] {
  return taskDefinitions(index).flatMap((td) => td.containers.flatMap((c) => (c.MountPoints ?? []).flatMap((mount) => {
    const efs = td.volumes.find((v) => v.Name === mount.SourceVolume)?.EFSVolumeConfiguration;
    if (!efs || !td.taskRole) return [];
    const { region, account } = td.stack.env;
    const fileSystem = `arn:aws:elasticfilesystem:${region}:${account}:file-system/${efs.FilesystemId}`;
    const accessPoint = efs.AuthorizationConfig?.AccessPointId;
    const context: Record<string, string> = accessPoint ? { 'elasticfilesystem:AccessPointArn': `arn:aws:elasticfilesystem:${region}:${account}:access-point/${accessPoint}` } : {};
    const actions = mount.ReadOnly ? ['elasticfilesystem:ClientMount'] : ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'];
    const who = `${td.stack.name}/${td.logicalId}/${c.Name} task role`;
    return actions.map((action) => ({ name: `${who} ${action} ${fileSystem}`, principal: td.taskRole!, action, resource: fileSystem, context }));
  })));
}

const EXEC_CHANNELS = ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'];

/** Services with ECS Exec on: the task role opens the SSM channels, and logs and encrypts the session as the cluster says. */
export function execRequests(index: PolicyIndex): Request[] {
  const tds = taskDefinitions(index);
  return index.stacks.flatMap((stack) => stack.resources('AWS::ECS::Service').flatMap(([id, service]) => {
    const p = stack.resolver.resolve(service.Properties) as Record<string, unknown>;
    if (p.EnableExecuteCommand !== true) return [];
    const td = tds.find((t) => t.stack === stack && stack.resolver.ref(t.logicalId) === p.TaskDefinition);
    if (!td?.taskRole) throw new Error(`${stack.name}/${id}: ECS Exec is on but the task has no task role`);
    const who = `${stack.name}/${id} task role (ECS Exec)`;
    const requests: Request[] = EXEC_CHANNELS.map((action) => ({ name: `${who} ${action}`, principal: td.taskRole!, action, resource: '*' }));
    const cluster = stack.resources('AWS::ECS::Cluster').find(([cid]) => stack.resolver.ref(cid) === p.Cluster);
    const exec = cluster && (stack.resolver.resolve(cluster[1].Properties?.Configuration) as { ExecuteCommandConfiguration?: { KmsKeyId?: string; LogConfiguration?: { CloudWatchLogGroupName?: string } } } | undefined)?.ExecuteCommandConfiguration;
    if (exec?.KmsKeyId) requests.push({ name: `${who} kms:Decrypt ${exec.KmsKeyId}`, principal: td.taskRole, action: 'kms:Decrypt', resource: exec.KmsKeyId });
    if (exec?.LogConfiguration?.CloudWatchLogGroupName) requests.push(...writeLogs(who, td.taskRole, logGroupArn(stack, exec.LogConfiguration.CloudWatchLogGroupName)));
    return requests;
  }));
}
