import { Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { acknowledge } from '../internal/acknowledge';

/** Properties of a `DataVolumeBackup`. */
export interface DataVolumeBackupProps {
  readonly volume: ec2.IVolume;
  readonly retention: Duration;
  readonly vault?: backup.IBackupVault;
}

/**
 * Daily AWS Backup snapshots of the data volume at 03:00 UTC. EBS snapshots
 * keep the volume's own KMS encryption whatever the vault's key.
 */
export class DataVolumeBackup extends Construct {
  public readonly plan: backup.BackupPlan;
  public readonly vault: backup.IBackupVault;

  constructor(scope: Construct, id: string, props: DataVolumeBackupProps) {
    super(scope, id);
    this.vault = props.vault ?? new backup.BackupVault(this, 'Vault');
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupVault: this.vault,
      backupPlanRules: [new backup.BackupPlanRule({
        ruleName: 'DailyDataVolume',
        scheduleExpression: events.Schedule.cron({ hour: '3', minute: '0' }),
        deleteAfter: props.retention,
      })],
    });
    const volumeArn = Stack.of(this).formatArn({ service: 'ec2', resource: 'volume', resourceName: props.volume.volumeId });
    const selection = this.plan.addSelection('DataVolume', { resources: [backup.BackupResource.fromArn(volumeArn)] });
    acknowledge(selection.node.findChild('Role'),
      ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]'],
      'AWS Backup\'s own service-role policy, maintained by AWS for the resource types it snapshots; the role can only be assumed by AWS Backup.');
  }
}
