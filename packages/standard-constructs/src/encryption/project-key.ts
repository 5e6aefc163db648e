import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { allowLogGroupPatternsToUseKey } from '../internal/log-group-key-policy';
import { qualifiedName } from '../internal/names';
import { assertIntegerInRange, assertMatches, invalidProp } from '../internal/validation';

/** Properties of a `ProjectKey`. */
export interface ProjectKeyProps {
  /** Project part of names, e.g. `tracker-restapi`. */
  readonly projectName: string;
  /** Environment part of names, e.g. `staging`. */
  readonly environmentName: string;
  /**
   * Waiting period before a scheduled deletion happens, 7 to 30 days.
   * @default Duration.days(7)
   */
  readonly pendingWindow?: Duration;
  /**
   * Log group name patterns (`*` wildcards) CloudWatch Logs may encrypt with
   * the key. Every other log group in the account is refused.
   * @default - `/aws/*\/<project>-<env>*` and `aws-waf-logs-<project>-<env>*`
   */
  readonly logGroupNamePatterns?: string[];
  /**
   * What happens to the key when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const LOG_GROUP_PATTERN = /^[A-Za-z0-9_\-/.#*]{1,512}$/;
const KEY_USE = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/**
 * The project's customer-managed key, `alias/<project>-<env>`: annual
 * rotation, a 7-day deletion window, retained on removal, and a key policy
 * that lets CloudWatch Logs (the project's log groups only), Secrets Manager,
 * EBS and ECS Exec use it on behalf of this account.
 */
export class ProjectKey extends Construct {
  /** The key. */
  public readonly key: kms.Key;
  /** `alias/<project>-<env>`. */
  public readonly alias: kms.Alias;

  constructor(scope: Construct, id: string, props: ProjectKeyProps) {
    super(scope, id);
    const name = qualifiedName(this, props.projectName, props.environmentName);
    const pendingWindow = props.pendingWindow ?? Duration.days(7);
    if (pendingWindow.isUnresolved()) {
      throw invalidProp(this, 'pendingWindow', 'got an unresolved token', 'Give a literal Duration of 7 to 30 days: aws-cdk-lib checks it at synth.');
    }
    // Hours, not toDays(): toDays() throws its own message on a part-day duration.
    const hours = pendingWindow.toHours({ integral: false });
    if (hours % 24 !== 0) {
      throw invalidProp(this, 'pendingWindow', `got ${pendingWindow.toHumanString()}`, 'Use whole days from 7 to 30, e.g. Duration.days(7).');
    }
    assertIntegerInRange(this, 'pendingWindow', hours / 24, 7, 30);
    const patterns = props.logGroupNamePatterns ?? [`/aws/*/${name}*`, `aws-waf-logs-${name}*`];
    for (const pattern of patterns) {
      assertMatches(this, 'logGroupNamePatterns', pattern, LOG_GROUP_PATTERN,
        'Give log group names or patterns of letters, digits, _ - / . # and * wildcards, e.g. /aws/ecs/my-project-*.');
    }

    this.key = new kms.Key(this, 'Key', {
      description: `${name}: encrypts the project's logs, secrets, volumes and ECS Exec sessions`,
      enableKeyRotation: true,
      pendingWindow,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.alias = this.key.addAlias(`alias/${name}`) as kms.Alias;
    // CloudWatch Logs encrypts only log groups whose ARN matches a pattern (its encryption context).
    allowLogGroupPatternsToUseKey(this, this.key, patterns, 'AllowProjectLogGroups');
    this.allowThroughService('secretsmanager', 'AllowSecretsManager');
    this.allowThroughService('ec2', 'AllowEbs');
    this.allowEcsExec();
  }

  /**
   * Principals of this account whose IAM policies allow it may use the key
   * through one AWS service (the pattern of the AWS-managed `aws/<service>`
   * keys, but still requiring an IAM grant). Grants are for the service's
   * own resources, e.g. an EBS volume attached to an instance.
   */
  private allowThroughService(service: string, sid: string): void {
    const stack = Stack.of(this);
    const conditions = {
      StringEquals: { 'kms:CallerAccount': stack.account, 'kms:ViaService': `${service}.${stack.region}.amazonaws.com` },
    };
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid, principals: [new iam.AccountRootPrincipal()], actions: KEY_USE, resources: ['*'], conditions,
    }));
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: `${sid}Grants`,
      principals: [new iam.AccountRootPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { ...conditions, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    }));
  }

  /**
   * ECS Exec encrypts sessions end to end with the key: the caller generates
   * a data key, the task's SSM agent decrypts it. Both are principals of this
   * account whose IAM policies must also allow it (the service grants its task role).
   */
  private allowEcsExec(): void {
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowEcsExecSessions',
      principals: [new iam.AccountRootPrincipal()],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
    }));
  }
}
