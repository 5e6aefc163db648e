import { TEAMS_ALARM_TOPIC_NAME } from '@glimpse/standard-constructs';

/** Where the forwarder goes and how it is administered. */
export interface PlatformAlarmsConfig {
  /** The StackSet administrator: the organisation's delegated CloudFormation admin (or management) account, and its home region. */
  readonly admin: { readonly account: string; readonly region: string };
  /** `true` when `admin` is a delegated administrator, `false` for the management account. */
  readonly delegatedAdmin: boolean;
  /** The AWS Organizations id: its accounts may read the webhook secret and the Lambda code. */
  readonly organizationId: string;
  /** Organisational units whose accounts (present and future) get the forwarder. */
  readonly organizationalUnitIds: string[];
  /** Regions each account gets the forwarder in: every region alarms are raised in. */
  readonly regions: string[];
  /** The topic name stacks import to send alarms to Teams: a contract, do not change. */
  readonly topicName: string;
  /** Asset buckets are `<prefix>-<region>` in the admin account: globally unique. */
  readonly assetBucketPrefix: string;
  /** Name of the secret holding the Teams Workflows URL, in the admin account and region. */
  readonly webhookSecretName: string;
}

export const PLATFORM_ALARMS_CONFIG: PlatformAlarmsConfig = {
  admin: { account: '381492266277', region: 'eu-west-2' },
  delegatedAdmin: true,
  organizationId: 'o-glimpse0001',
  organizationalUnitIds: [
    'ou-gl1m-workload1', // workloads: tracker staging and production
    'ou-gl1m-platform1', // platform: shared registry, dev
  ],
  regions: ['eu-west-2', 'us-east-1'],
  topicName: TEAMS_ALARM_TOPIC_NAME,
  assetBucketPrefix: 'glimpse-platform-alarms-assets',
  webhookSecretName: 'glimpse/platform-alarms/teams-webhook-url',
};

/** Where this code lives, for the `Repository` tag. */
export const REPOSITORY_URL = 'https://github.com/glimpse-technology/platform-constructs/tree/main/apps/platform-alarms';
