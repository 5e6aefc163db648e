import { RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Capability, DeploymentType, StackSet, StackSetTarget, StackSetTemplate } from 'cdk-stacksets';
import { Construct } from 'constructs';
import { PlatformAlarmsConfig } from './config';
import { ForwarderStackSetStack } from './forwarder-stackset-stack';

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

    const key = new kms.Key(this, 'WebhookUrlKey', {
      description: 'Teams webhook URL secret, readable by the organisation through Secrets Manager',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'OrganisationDecryptsThroughSecretsManager',
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: { ...orgCondition, StringLike: { 'kms:ViaService': 'secretsmanager.*.amazonaws.com' } },
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
      sid: 'OrganisationReadsWebhookUrl',
      principals: [new iam.AnyPrincipal()],
      actions: ['secretsmanager:GetSecretValue'],
      resources: ['*'],
      conditions: orgCondition,
    }));

    const assetBuckets = config.regions.map((region) =>
      s3.Bucket.fromBucketName(this, `AssetBucket-${region}`, `${config.assetBucketPrefix}-${region}`));
    this.forwarderStack = new ForwarderStackSetStack(this, 'Forwarder', {
      topicName: config.topicName,
      assetBuckets,
      assetBucketPrefix: config.assetBucketPrefix,
    });
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
}
