import { TeamsAlarmForwarder } from '@glimpse/standard-constructs';
import { CfnParameter } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { StackSetStack } from 'cdk-stacksets';
import { Construct } from 'constructs';

export interface ForwarderStackSetStackProps {
  readonly topicName: string;
  readonly assetBuckets: s3.IBucket[];
  readonly assetBucketPrefix: string;
}

/** The template every account and region gets: the Teams forwarder, reading the shared webhook secret. */
export class ForwarderStackSetStack extends StackSetStack {
  /** StackSet parameter names, filled by the admin stack. */
  public static readonly SECRET_ARN_PARAMETER = 'WebhookUrlSecretArn';
  public static readonly KEY_ARN_PARAMETER = 'WebhookUrlKeyArn';

  public readonly forwarder: TeamsAlarmForwarder;

  constructor(scope: Construct, id: string, props: ForwarderStackSetStackProps) {
    super(scope, id, { assetBuckets: props.assetBuckets, assetBucketPrefix: props.assetBucketPrefix });
    const secretArn = new CfnParameter(this, ForwarderStackSetStack.SECRET_ARN_PARAMETER, {
      description: 'ARN of the secret holding the Teams Workflows URL (in the StackSet admin account)',
    });
    const keyArn = new CfnParameter(this, ForwarderStackSetStack.KEY_ARN_PARAMETER, {
      description: 'ARN of the KMS key of that secret',
    });
    this.forwarder = new TeamsAlarmForwarder(this, 'TeamsAlarmForwarder', {
      topicName: props.topicName,
      webhookUrlSecret: secretsmanager.Secret.fromSecretAttributes(this, 'WebhookUrl', {
        secretCompleteArn: secretArn.valueAsString,
        encryptionKey: kms.Key.fromKeyArn(this, 'WebhookUrlKey', keyArn.valueAsString),
      }),
    });
  }
}
