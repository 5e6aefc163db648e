import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { allowLogGroupToUseKey } from '../internal/log-group-key-policy';
import { ecsLogGroupName, qualifiedName } from '../internal/names';

/** Properties of a `StandardCluster`. */
export interface StandardClusterProps {
  /** The VPC the services run in. */
  readonly vpc: ec2.IVpc;
  /** Key that encrypts ECS Exec sessions and their log group. */
  readonly encryptionKey: kms.IKey;
  /** Project part of names, e.g. `tracker-restapi`. */
  readonly projectName: string;
  /** Environment part of names, e.g. `staging`. */
  readonly environmentName: string;
  /**
   * Retention of the ECS Exec session logs (an audit trail).
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly execLogRetention?: logs.RetentionDays;
  /**
   * What happens to the ECS Exec log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly execLogRemovalPolicy?: RemovalPolicy;
}

/**
 * The Fargate cluster every `TrackerFargateService` runs in, named
 * `<project>-<env>`: Container Insights with enhanced observability, the
 * FARGATE and FARGATE_SPOT capacity providers, and ECS Exec sessions
 * encrypted with the given key and logged to
 * `/aws/ecs/<project>-<env>/execute-command`.
 */
export class StandardCluster extends Construct {
  /** The cluster. */
  public readonly cluster: ecs.Cluster;
  /** Where ECS Exec sessions are logged. */
  public readonly execLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: StandardClusterProps) {
    super(scope, id);
    const name = qualifiedName(this, props.projectName, props.environmentName);
    const execLogGroupName = ecsLogGroupName(name, 'execute-command');
    allowLogGroupToUseKey(this, props.encryptionKey, execLogGroupName);
    this.execLogGroup = new logs.LogGroup(this, 'ExecLogGroup', {
      logGroupName: execLogGroupName,
      encryptionKey: props.encryptionKey,
      retention: props.execLogRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.execLogRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      clusterName: name,
      containerInsightsV2: ecs.ContainerInsights.ENHANCED,
      enableFargateCapacityProviders: true,
      executeCommandConfiguration: {
        kmsKey: props.encryptionKey,
        logging: ecs.ExecuteCommandLogging.OVERRIDE,
        logConfiguration: { cloudWatchLogGroup: this.execLogGroup, cloudWatchEncryptionEnabled: true },
      },
    });
  }
}
