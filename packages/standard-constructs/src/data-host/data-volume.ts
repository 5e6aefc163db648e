import { RemovalPolicy, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Where the data volume is attached and mounted. */
export const DATA_DEVICE_NAME = '/dev/sdf';
export const DATA_MOUNT_PATH = '/var/lib/postgresql';

/** Properties of `DataVolume`. */
export interface DataVolumeProps {
  readonly name: string;
  readonly availabilityZone: string;
  readonly size: Size;
  readonly iops: number;
  readonly throughput: number;
  readonly encryptionKey: kms.IKey;
  readonly snapshotId?: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The encrypted gp3 volume that holds PostgreSQL's data and Valkey's AOF and
 * outlives the instance. Created in the host's scope (logical ids of deployed
 * stacks); `attachTo` attaches it once the instance runs, because the
 * bootstrap waits for the device before it signals (an instance
 * CreationPolicy would deadlock).
 */
export class DataVolume {
  public readonly volume: ec2.Volume;
  private readonly host: Construct;

  constructor(host: Construct, props: DataVolumeProps) {
    this.host = host;
    this.volume = new ec2.Volume(host, 'DataVolume', {
      availabilityZone: props.availabilityZone,
      size: props.size,
      volumeType: ec2.EbsDeviceVolumeType.GP3,
      iops: props.iops,
      throughput: props.throughput,
      encrypted: true,
      encryptionKey: props.encryptionKey,
      snapshotId: props.snapshotId,
      removalPolicy: props.removalPolicy,
      volumeName: `${props.name}-data-host-postgresql`,
    });
  }

  public attachTo(instance: ec2.Instance): ec2.CfnVolumeAttachment {
    return new ec2.CfnVolumeAttachment(this.host, 'DataVolumeAttachment', {
      instanceId: instance.instanceId,
      volumeId: this.volume.volumeId,
      device: DATA_DEVICE_NAME,
    });
  }
}
