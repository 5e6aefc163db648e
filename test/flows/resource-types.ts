/**
 * What `Ref` and `Fn::GetAtt Arn` return per resource type, with physical
 * names taken from the template (or the logical id when CloudFormation would
 * generate one), so the ARNs in policies and in requests agree.
 */
import type { CfnResource, Resolver } from './intrinsics';

interface TypeInfo {
  /** Property holding the physical name, when the template may set one. */
  readonly nameProperty?: string;
  /** What Ref returns. */
  readonly ref: 'name' | 'arn' | 'id' | 'url';
  /** The ARN from the physical name. */
  readonly arn: (name: string, r: Resolver) => string;
}

const regional = (service: string, resource: string) => (name: string, r: Resolver) =>
  `arn:${r.env.partition}:${service}:${r.env.region}:${r.env.account}:${resource}${name}`;

/** Secrets Manager appends six random characters to a secret's ARN; a fixed suffix keeps ours stable. */
export const SECRET_SUFFIX = '-AbCdEf';

const TYPES: Record<string, TypeInfo> = {
  'AWS::SNS::Topic': { nameProperty: 'TopicName', ref: 'arn', arn: regional('sns', '') },
  'AWS::SQS::Queue': { nameProperty: 'QueueName', ref: 'url', arn: regional('sqs', '') },
  'AWS::KMS::Key': { ref: 'id', arn: regional('kms', 'key/') },
  'AWS::SecretsManager::Secret': { nameProperty: 'Name', ref: 'arn', arn: (n, r) => regional('secretsmanager', 'secret:')(n + SECRET_SUFFIX, r) },
  'AWS::Logs::LogGroup': { nameProperty: 'LogGroupName', ref: 'name', arn: (n, r) => `${regional('logs', 'log-group:')(n, r)}:*` },
  'AWS::S3::Bucket': { nameProperty: 'BucketName', ref: 'name', arn: (n, r) => `arn:${r.env.partition}:s3:::${n}` },
  'AWS::ECR::Repository': { nameProperty: 'RepositoryName', ref: 'name', arn: regional('ecr', 'repository/') },
  'AWS::IAM::Role': { nameProperty: 'RoleName', ref: 'name', arn: (n, r) => iamArn(r, 'role', n) },
  'AWS::IAM::ManagedPolicy': { nameProperty: 'ManagedPolicyName', ref: 'arn', arn: (n, r) => iamArn(r, 'policy', n) },
  'AWS::IAM::InstanceProfile': { nameProperty: 'InstanceProfileName', ref: 'name', arn: (n, r) => iamArn(r, 'instance-profile', n) },
  'AWS::Lambda::Function': { nameProperty: 'FunctionName', ref: 'name', arn: regional('lambda', 'function:') },
  'AWS::SSM::Parameter': { nameProperty: 'Name', ref: 'name', arn: (n, r) => regional('ssm', 'parameter')(n.startsWith('/') ? n : `/${n}`, r) },
  'AWS::ECS::TaskDefinition': { nameProperty: 'Family', ref: 'arn', arn: (n, r) => regional('ecs', 'task-definition/')(`${n}:1`, r) },
  'AWS::ECS::Cluster': { nameProperty: 'ClusterName', ref: 'name', arn: regional('ecs', 'cluster/') },
  'AWS::EFS::FileSystem': { ref: 'id', arn: regional('elasticfilesystem', 'file-system/') },
  'AWS::EFS::AccessPoint': { ref: 'id', arn: regional('elasticfilesystem', 'access-point/') },
  'AWS::EC2::Instance': { ref: 'id', arn: regional('ec2', 'instance/') },
  'AWS::EC2::SecurityGroup': { nameProperty: 'GroupName', ref: 'id', arn: regional('ec2', 'security-group/') },
  'AWS::WAFv2::WebACL': { nameProperty: 'Name', ref: 'id', arn: regional('wafv2', 'regional/webacl/') },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { nameProperty: 'Name', ref: 'arn', arn: regional('elasticloadbalancing', 'loadbalancer/app/') },
  'AWS::CloudWatch::Alarm': { nameProperty: 'AlarmName', ref: 'name', arn: regional('cloudwatch', 'alarm:') },
  'AWS::CloudWatch::CompositeAlarm': { nameProperty: 'AlarmName', ref: 'name', arn: regional('cloudwatch', 'alarm:') },
  'AWS::StepFunctions::StateMachine': { nameProperty: 'StateMachineName', ref: 'arn', arn: regional('states', 'stateMachine:') },
  'AWS::ServiceDiscovery::Service': { nameProperty: 'Name', ref: 'id', arn: regional('servicediscovery', 'service/') },
};

function iamArn(r: Resolver, kind: string, name: string): string {
  return `arn:${r.env.partition}:iam::${r.env.account}:${kind}/${name}`;
}

function info(resource: CfnResource, logicalId: string): TypeInfo {
  const found = TYPES[resource.Type];
  if (!found) throw new Error(`the flows suite cannot name ${logicalId} (${resource.Type}): add its type to test/flows/resource-types.ts`);
  return found;
}

/** The physical name CloudFormation would give (or the template gives) the resource. */
export function physicalName(resource: CfnResource, logicalId: string, r: Resolver): string {
  const prop = TYPES[resource.Type]?.nameProperty;
  const given = prop ? resource.Properties?.[prop] : undefined;
  if (given !== undefined) return r.str(given);
  // Bucket names are global: CloudFormation generates `<stack>-<logical id>-<suffix>`, so two stacks'
  // buckets with the same logical id (a library construct used twice) stay two buckets.
  if (resource.Type === 'AWS::S3::Bucket') return `${r.stackName}-${logicalId}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return logicalId.toLowerCase();
}

/** The resource's ARN, with the role path (part of a role's ARN) when it has one. */
export function arnOf(resource: CfnResource, logicalId: string, r: Resolver): string {
  const name = physicalName(resource, logicalId, r);
  const path = resource.Type === 'AWS::IAM::Role' && resource.Properties?.Path ? r.str(resource.Properties.Path).slice(1) : '';
  return info(resource, logicalId).arn(path + name, r);
}

export function refOf(resource: CfnResource, logicalId: string, r: Resolver): string {
  // Types no flow needs an ARN of (VPCs, subnets, listeners): Ref is an id, deterministic all the same.
  if (!TYPES[resource.Type]) return logicalId.toLowerCase();
  const type = info(resource, logicalId);
  const name = physicalName(resource, logicalId, r);
  switch (type.ref) {
    case 'arn': return arnOf(resource, logicalId, r);
    case 'url': return `https://sqs.${r.env.region}.amazonaws.com/${r.env.account}/${name}`;
    default: return name;
  }
}
