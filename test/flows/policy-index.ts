/**
 * Every identity, resource and key policy of every loaded stack, resolved,
 * and every named resource by its ARN: what the evaluator is given for a request.
 */
import { AWS_MANAGED_POLICIES } from './aws-managed-policies';
import { CfnResource } from './intrinsics';
import { arnOf } from './resource-types';
import { LoadedStack } from './templates';

export interface PolicyDocument { Version?: string; Statement: Statement[] }
export interface Statement { Sid?: string; Effect: string; [key: string]: unknown }

export interface Located {
  readonly stack: LoadedStack;
  readonly logicalId: string;
  readonly resource: CfnResource;
  readonly arn: string;
}

/** Resource types whose resource policy lives in the resource itself, and where. */
const INLINE_RESOURCE_POLICY: Record<string, string> = {
  'AWS::KMS::Key': 'KeyPolicy',
  'AWS::ECR::Repository': 'RepositoryPolicyText',
  'AWS::EFS::FileSystem': 'FileSystemPolicy',
};
/** Policy resources that attach to other resources: the property naming them, and the document. */
const ATTACHED_RESOURCE_POLICY: Record<string, [string, string]> = {
  'AWS::SNS::TopicPolicy': ['Topics', 'PolicyDocument'],
  'AWS::SQS::QueuePolicy': ['Queues', 'PolicyDocument'],
  'AWS::S3::BucketPolicy': ['Bucket', 'PolicyDocument'],
  'AWS::SecretsManager::ResourcePolicy': ['SecretId', 'ResourcePolicy'],
};

export class PolicyIndex {
  private readonly byArn = new Map<string, Located>();
  private readonly resourcePolicies = new Map<string, Statement[]>();
  private readonly identity = new Map<string, Array<{ name: string; policy: PolicyDocument }>>();

  constructor(public readonly stacks: LoadedStack[]) {
    for (const stack of stacks) this.indexStack(stack);
  }

  public find(arn: string): Located | undefined {
    return this.byArn.get(arn);
  }

  public all(type: string): Located[] {
    return [...this.byArn.values()].filter((l) => l.resource.Type === type);
  }

  /** The resource policy that governs `arn` (S3 objects: their bucket's). */
  public resourcePolicy(arn: string): PolicyDocument | undefined {
    const bucket = /^(arn:[^:]+:s3:::[^/]+)\//.exec(arn)?.[1];
    const statements = this.resourcePolicies.get(arn) ?? (bucket ? this.resourcePolicies.get(bucket) : undefined);
    return statements && { Version: '2012-10-17', Statement: statements };
  }

  public identityPolicies(roleArn: string): Array<{ name: string; policy: PolicyDocument }> {
    return this.identity.get(roleArn) ?? [];
  }

  private indexStack(stack: LoadedStack): void {
    const r = stack.resolver;
    const urls = new Map<string, string>();
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      let arn: string;
      try {
        arn = arnOf(resource, logicalId, r);
      } catch {
        continue; // a type no flow names
      }
      this.byArn.set(arn, { stack, logicalId, resource, arn });
      if (resource.Type === 'AWS::SQS::Queue') urls.set(r.ref(logicalId), arn);
      if (resource.Type === 'AWS::S3::Bucket') urls.set(r.ref(logicalId), arn);
      const inline = INLINE_RESOURCE_POLICY[resource.Type];
      if (inline && resource.Properties?.[inline]) this.addResourcePolicy(arn, r.resolve(resource.Properties[inline]));
      if (resource.Type === 'AWS::IAM::Role') this.indexRole(stack, logicalId, resource, arn);
    }
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      const attached = ATTACHED_RESOURCE_POLICY[resource.Type];
      if (attached) {
        const targets = [r.resolve(resource.Properties![attached[0]])].flat() as string[];
        for (const target of targets) this.addResourcePolicy(urls.get(target) ?? this.bucketArn(target) ?? target, r.resolve(resource.Properties![attached[1]]));
      }
      if (resource.Type === 'AWS::Lambda::Permission') this.addLambdaPermission(stack, resource);
      if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
        const roles = (resource.Properties!.Roles as unknown[] | undefined) ?? [];
        for (const role of roles) {
          const roleArn = this.roleArnByName(stack, r.str(role));
          this.addIdentity(roleArn, `${stack.name}/${logicalId}`, r.resolve(resource.Properties!.PolicyDocument));
        }
      }
    }
  }

  private bucketArn(name: string): string | undefined {
    return /^[a-z0-9.-]+$/.test(name) ? `arn:aws:s3:::${name}` : undefined;
  }

  private roleArnByName(stack: LoadedStack, name: string): string {
    const found = stack.resources('AWS::IAM::Role').find(([id]) => stack.resolver.ref(id) === name);
    if (!found) throw new Error(`${stack.name}: a policy attaches to role ${name}, which the stack does not declare`);
    return arnOf(found[1], found[0], stack.resolver);
  }

  private indexRole(stack: LoadedStack, logicalId: string, role: CfnResource, arn: string): void {
    const r = stack.resolver;
    // A role's trust policy is its resource policy for sts:AssumeRole.
    if (role.Properties?.AssumeRolePolicyDocument) this.addResourcePolicy(arn, r.resolve(role.Properties.AssumeRolePolicyDocument));
    const inline = (role.Properties?.Policies as Array<{ PolicyName: unknown; PolicyDocument: unknown }> | undefined) ?? [];
    for (const p of inline) this.addIdentity(arn, `${stack.name}/${logicalId}/${r.str(p.PolicyName)}`, r.resolve(p.PolicyDocument));
    for (const managed of (role.Properties?.ManagedPolicyArns as unknown[] | undefined) ?? []) {
      const managedArn = r.str(managed);
      const awsName = /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(managedArn)?.[1];
      const document = awsName ? AWS_MANAGED_POLICIES[awsName] : undefined;
      if (document) this.addIdentity(arn, `aws-managed:${awsName}`, document);
    }
  }

  private addIdentity(roleArn: string, name: string, policy: unknown): void {
    const list = this.identity.get(roleArn) ?? [];
    list.push({ name, policy: policy as PolicyDocument });
    this.identity.set(roleArn, list);
  }

  private addResourcePolicy(arn: string, document: unknown): void {
    const statements = this.resourcePolicies.get(arn) ?? [];
    statements.push(...[(document as PolicyDocument).Statement].flat());
    this.resourcePolicies.set(arn, statements);
  }

  /** A Lambda permission is one statement of the function's resource policy. */
  private addLambdaPermission(stack: LoadedStack, permission: CfnResource): void {
    const r = stack.resolver;
    const p = permission.Properties!;
    const fn = r.str(p.FunctionName);
    const functionArn = fn.startsWith('arn:') ? fn : `arn:${r.env.partition}:lambda:${r.env.region}:${r.env.account}:function:${fn}`;
    const principal = r.str(p.Principal);
    const condition: Record<string, Record<string, string>> = {};
    if (p.SourceArn) condition.ArnLike = { 'AWS:SourceArn': r.str(p.SourceArn) };
    if (p.SourceAccount) condition.StringEquals = { 'AWS:SourceAccount': r.str(p.SourceAccount) };
    this.addResourcePolicy(functionArn, {
      Statement: [{
        Effect: 'Allow',
        Principal: principal.endsWith('.amazonaws.com') ? { Service: principal } : principal === '*' ? '*' : { AWS: principal },
        Action: r.str(p.Action),
        Resource: functionArn,
        ...(Object.keys(condition).length ? { Condition: condition } : {}),
      }],
    });
  }
}
