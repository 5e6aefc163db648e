import { GlimpseCompliance, TEAMS_FORWARDER_ROLE_PATH } from '@glimpse/standard-constructs';
import { DefaultStackSynthesizer, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Capability, DeploymentType, StackSet, StackSetTarget, StackSetTemplate } from 'cdk-stacksets';
import { Construct } from 'constructs';
import { PlatformAlarmsConfig } from './config';
import { ForwarderStackSetStack } from './forwarder-stackset-stack';

/** The singleton Lambda of CDK's BucketDeployment (its id is a fixed UUID in aws-cdk-lib). */
const BUCKET_DEPLOYMENT_HANDLER_ID = 'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C';

export interface PlatformAlarmsStackProps extends StackProps {
  readonly config: PlatformAlarmsConfig;
}

/**
 * In the StackSet admin account: the Teams webhook secret (one, shared with
 * the organisation) and the service-managed StackSet that deploys the
 * forwarder to every account of the configured OUs, in every configured region.
 */
export class PlatformAlarmsStack extends Stack {
  public readonly webhookUrlSecret: secretsmanager.Secret;
  public readonly stackSet: StackSet;
  public readonly forwarderStack: ForwarderStackSetStack;

  constructor(scope: Construct, id: string, props: PlatformAlarmsStackProps) {
    super(scope, id, props);
    const { config } = props;
    const orgCondition = { StringEquals: { 'aws:PrincipalOrgID': config.organizationId } };
    // Only the forwarder roles (the StackSet creates them under this path in every member account).
    const forwarderRoles = this.formatArn({ service: 'iam', region: '', account: '*', resource: 'role', resourceName: `${TEAMS_FORWARDER_ROLE_PATH.slice(1)}*` });
    const forwardersOnly = { ...orgCondition, ArnLike: { 'aws:PrincipalArn': forwarderRoles } };

    const key = new kms.Key(this, 'WebhookUrlKey', {
      description: 'Teams webhook URL secret, readable by the organisation through Secrets Manager',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'ForwardersDecryptThroughSecretsManager',
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: { ...forwardersOnly, StringLike: { 'kms:ViaService': 'secretsmanager.*.amazonaws.com' } },
    }));
    // The URL is created in Teams, so it cannot be generated: an operator puts it
    // once (`aws secretsmanager put-secret-value`); until then the forwarder fails
    // loudly and keeps the alarms in its dead-letter queue.
    this.webhookUrlSecret = new secretsmanager.Secret(this, 'WebhookUrl', {
      secretName: config.webhookSecretName,
      description: 'Microsoft Teams Workflows URL the alarm forwarders post to (contains a signature)',
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.webhookUrlSecret.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'ForwardersReadWebhookUrl',
      principals: [new iam.AnyPrincipal()],
      actions: ['secretsmanager:GetSecretValue'],
      resources: ['*'],
      conditions: forwardersOnly,
    }));
    // The URL lets anyone post into the channel: not even this account's admins read it (they may still replace it).
    this.webhookUrlSecret.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'NobodyElseReadsWebhookUrl',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['secretsmanager:GetSecretValue'],
      resources: ['*'],
      conditions: { ArnNotLike: { 'aws:PrincipalArn': forwarderRoles } },
    }));
    GlimpseCompliance.acknowledge(this.webhookUrlSecret.node.defaultChild!, [
      'AwsSolutions-SMG4', 'HIPAA.Security-SecretsManagerRotationEnabled', 'NIST.800.53.R5-SecretsManagerRotationEnabled',
    ], 'The value is a Teams Workflows URL created in Teams by an operator; no API can issue a new one, so a rotation '
      + 'Lambda has nothing to rotate to. Operators replace it with put-secret-value when the workflow is re-created.');

    const assetBuckets = config.regions.map((region) =>
      s3.Bucket.fromBucketName(this, `AssetBucket-${region}`, `${config.assetBucketPrefix}-${region}`));
    this.forwarderStack = new ForwarderStackSetStack(this, 'Forwarder', {
      topicName: config.topicName,
      assetBuckets,
      assetBucketPrefix: config.assetBucketPrefix,
    });
    this.acknowledgeAssetCopy(config);
    this.stackSet = new StackSet(this, 'StackSet', {
      stackSetName: 'glimpse-platform-alarms',
      description: 'Forwards CloudWatch alarms to Microsoft Teams, in every workload account and region',
      template: StackSetTemplate.fromStackSetStack(this.forwarderStack),
      deploymentType: DeploymentType.serviceManaged({
        delegatedAdmin: config.delegatedAdmin,
        autoDeployEnabled: true,
        autoDeployRetainStacks: false,
      }),
      target: StackSetTarget.fromOrganizationalUnits({
        organizationalUnits: config.organizationalUnitIds,
        regions: config.regions,
      }),
      capabilities: [Capability.IAM],
      operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 25 },
      parameters: {
        [ForwarderStackSetStack.SECRET_ARN_PARAMETER]: this.webhookUrlSecret.secretArn,
        [ForwarderStackSetStack.KEY_ARN_PARAMETER]: key.keyArn,
      },
    });
  }

  /**
   * cdk-stacksets copies the forwarder's code into each region's bucket with
   * CDK's BucketDeployment: a CloudFormation custom resource whose Lambda and
   * role CDK generates, and that only runs during deployments.
   */
  private acknowledgeAssetCopy(config: PlatformAlarmsConfig): void {
    const handler = this.node.findChild(BUCKET_DEPLOYMENT_HANDLER_ID);
    const role = handler.node.findChild('ServiceRole');
    const policy = role.node.findChild('DefaultPolicy').node.defaultChild!;
    GlimpseCompliance.acknowledge(role.node.defaultChild!, [
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    ], 'CDK-generated custom-resource role: the managed policy only lets the handler write its own logs.');
    const buckets = [
      `cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${config.admin.account}-${config.admin.region}`,
      ...config.regions.map((region) => `${config.assetBucketPrefix}-${region}`),
    ];
    GlimpseCompliance.acknowledge(policy, [
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((a) => `AwsSolutions-IAM5[Action::${a}]`),
      ...buckets.map((b) => `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${b}/*]`),
    ], 'CDK BucketDeployment grants: read the CDK bootstrap asset bucket and write the forwarder-code buckets, '
      + 'objects of those named buckets only; the action wildcards are CDK\'s grantRead/grantWrite sets.');
    GlimpseCompliance.acknowledge(policy, ['HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R5-IAMNoInlinePolicy'],
      'CDK-generated custom-resource role: its grants are an inline default policy CDK writes, used by no other principal.');
    GlimpseCompliance.acknowledge(handler.node.defaultChild!, [
      'AwsSolutions-L1', 'HIPAA.Security-LambdaConcurrency', 'NIST.800.53.R5-LambdaConcurrency',
      'HIPAA.Security-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ', 'HIPAA.Security-LambdaInsideVPC', 'NIST.800.53.R5-LambdaInsideVPC',
    ], 'CDK-generated BucketDeployment handler: CDK pins its Python runtime, CloudFormation invokes it synchronously '
      + 'during deploys only (a failure fails the deploy, so no DLQ or concurrency limit helps), and it talks only to S3.');
  }
}
