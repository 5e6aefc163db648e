/**
 * One Fargate service of the shared cluster, as every service here is built:
 * an execution role and a task role with managed policies, an encrypted log
 * group, an image pinned by tag in the shared registry, a security group
 * that only opens what is added to it, and circuit-breaker deployments.
 */
import { Duration, RemovalPolicy, Size, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { IMAGE_TAG, REGISTRY_ACCOUNT, Scaling, TaskSize } from './config';
import { ecsTasksPrincipal, ManagedPolicyRole } from './security';

export interface AppServiceProps {
  readonly prefix: string;
  readonly cluster: ecs.ICluster;
  readonly key: kms.IKey;
  /** The service's name: container, log stream prefix, ECS service. */
  readonly name: string;
  /** Repository `tracker/<image>` of the shared registry. */
  readonly image: string;
  readonly size: TaskSize;
  readonly ecsExec: boolean;
  readonly containerPort?: number;
  readonly command?: string[];
  readonly environment?: Record<string, string>;
  readonly secrets?: Record<string, ecs.Secret>;
  readonly spot?: boolean;
  /** Web services: a grace period behind the ALB, and rollback on these alarms. */
  readonly deploymentAlarmNames?: string[];
  /** `/data` on its own access point of the shared file system. */
  readonly dataMount?: { fileSystem: efs.FileSystem; accessPoint: efs.AccessPoint };
  readonly cloudMap?: ecs.CloudMapOptions;
}

export class AppService extends Construct {
  public readonly name: string;
  public readonly service: ecs.FargateService;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly logGroup: logs.LogGroup;
  public readonly executionRole: ManagedPolicyRole;
  public readonly taskRole: ManagedPolicyRole;

  constructor(scope: Construct, id: string, props: AppServiceProps) {
    super(scope, id);
    const { prefix, name, size } = props;
    const stack = Stack.of(this);
    this.name = name;
    this.executionRole = new ManagedPolicyRole(this, 'ExecutionRole', {
      assumedBy: ecsTasksPrincipal(this),
      description: `ECS agent for ${name}: pulls its image, writes its logs, reads its secrets`,
    });
    this.taskRole = new ManagedPolicyRole(this, 'TaskRole', { assumedBy: ecsTasksPrincipal(this), description: `Application role of ${name}` });
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/ecs/${prefix}/${name}`,
      retention: logs.RetentionDays.THREE_MONTHS,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      family: `${prefix}-${name}`,
      cpu: size.cpu,
      memoryLimitMiB: size.memoryLimitMiB,
      executionRole: this.executionRole,
      taskRole: this.taskRole,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    Tags.of(taskDefinition).add('ImageVersion', IMAGE_TAG);
    const repositoryName = `tracker/${props.image}`;
    const repository = ecr.Repository.fromRepositoryAttributes(this, 'Repository', {
      repositoryName,
      repositoryArn: stack.formatArn({ service: 'ecr', account: REGISTRY_ACCOUNT, resource: 'repository', resourceName: repositoryName }),
    });
    const container = taskDefinition.addContainer(name, {
      image: ecs.ContainerImage.fromEcrRepository(repository, IMAGE_TAG),
      memoryLimitMiB: size.memoryLimitMiB,
      command: props.command,
      environment: props.environment,
      secrets: props.secrets,
      essential: true,
      readonlyRootFilesystem: false,
      portMappings: props.containerPort ? [{ containerPort: props.containerPort }] : undefined,
      // An init process reaps ECS Exec's sessions and forwards signals.
      linuxParameters: new ecs.LinuxParameters(this, 'LinuxParameters', { initProcessEnabled: true }),
      logging: ecs.LogDrivers.awsLogs({
        logGroup: this.logGroup,
        streamPrefix: name,
        // A slow log pipeline must not block the application.
        mode: ecs.AwsLogDriverMode.NON_BLOCKING,
        maxBufferSize: Size.mebibytes(25),
      }),
    });
    if (props.dataMount) {
      const { fileSystem, accessPoint } = props.dataMount;
      taskDefinition.addVolume({
        name: 'efs-1',
        efsVolumeConfiguration: {
          fileSystemId: fileSystem.fileSystemId,
          transitEncryption: 'ENABLED',
          authorizationConfig: { accessPointId: accessPoint.accessPointId, iam: 'ENABLED' },
        },
      });
      container.addMountPoints({ sourceVolume: 'efs-1', containerPath: '/data', readOnly: false });
      // Mount and write through this service's access point only.
      this.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        resources: [fileSystem.fileSystemArn],
        conditions: { StringEquals: { 'elasticfilesystem:AccessPointArn': accessPoint.accessPointArn } },
      }));
    }

    // Out: AWS APIs over HTTPS; everything else is added rule by rule.
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.cluster.vpc,
      description: `${prefix} ${name} tasks`,
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'AWS APIs over HTTPS');

    const web = props.deploymentAlarmNames !== undefined;
    // ECS Exec's grants in a policy of their own: it goes away when Exec is off.
    this.service = this.taskRole.grantsIn('ExecuteCommandPolicy', () => new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      serviceName: name,
      taskDefinition,
      desiredCount: size.scaling?.min ?? 1,
      minHealthyPercent: 50,
      maxHealthyPercent: 200,
      securityGroups: [this.securityGroup],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      capacityProviderStrategies: [{ capacityProvider: props.spot ? 'FARGATE_SPOT' : 'FARGATE', weight: 1 }],
      circuitBreaker: { enable: true, rollback: true },
      deploymentAlarms: web ? { alarmNames: props.deploymentAlarmNames!, behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM } : undefined,
      healthCheckGracePeriod: web ? Duration.seconds(60) : undefined,
      enableECSManagedTags: true,
      propagateTags: ecs.PropagatedTagSource.TASK_DEFINITION,
      enableExecuteCommand: props.ecsExec,
      cloudMapOptions: props.cloudMap,
    }));
  }

  /** Task count between the configured bounds: on CPU, and on requests per task where given. */
  public autoScale(scaling: Scaling, requestsOf?: elbv2.ApplicationTargetGroup): void {
    const cooldowns = { scaleInCooldown: Duration.minutes(5), scaleOutCooldown: Duration.minutes(1) };
    const count = this.service.autoScaleTaskCount({ minCapacity: scaling.min, maxCapacity: scaling.max });
    count.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: scaling.cpuPercent, ...cooldowns });
    if (requestsOf && scaling.requestsPerTarget) {
      count.scaleOnRequestCount('RequestCountScaling', { requestsPerTarget: scaling.requestsPerTarget, targetGroup: requestsOf, ...cooldowns });
    }
  }
}
