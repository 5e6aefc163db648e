import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as xray from 'aws-cdk-lib/aws-xray';
import { Construct } from 'constructs';
import { addEfsMounts } from './efs-mounts';
import { configureAutoScaling } from './service-autoscaling';
import { DEPLOYMENT_DEFAULTS, LOGGING_DEFAULTS, SERVICE_DEFAULTS } from './service-defaults';
import { acknowledgeExecPermissions, warnIfExecUnlogged } from './service-exec';
import { createServiceSecurityGroup } from './service-network';
import { createServiceRoles } from './service-roles';
import { createTaskAndContainer } from './task-container';
import { TrackerServiceProps } from './tracker-service-props';
import { ServiceVariant, validateServiceProps } from './validate-service-props';
import { acknowledge } from '../internal/acknowledge';
import { consolidate } from '../internal/defaults';
import { allowLogGroupToUseKey } from '../internal/log-group-key-policy';
import { ecsLogGroupName, qualifiedName } from '../internal/names';

/**
 * A standard Fargate service, the shared part of `TrackerWebService` (behind
 * an existing ALB listener) and `TrackerWorkerService` (no load balancer):
 * a task definition family of its own, dedicated execution and task roles,
 * a pinned image, secrets from Secrets Manager, an encrypted log group,
 * circuit breaker and alarm rollback, optional ECS Exec, tag propagation and
 * autoscaling (partner checks ECS-001..011). Every prop is validated before
 * any resource is created.
 */
export abstract class TrackerFargateService extends Construct implements ec2.IConnectable {
  /** The ECS service. */
  public readonly service: ecs.FargateService;
  /** The task definition (family `<project>-<env>-<service>`). */
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The application container (named after the service). */
  public readonly container: ecs.ContainerDefinition;
  /** With `tracing`: the ADOT collector sidecar. */
  public readonly otelCollector?: ecs.ContainerDefinition;
  /** With `tracing`: the service's X-Ray sampling rule. */
  public readonly samplingRule?: xray.CfnSamplingRule;
  /** `/aws/ecs/<project>-<env>/<service>`. */
  public readonly logGroup: logs.LogGroup;
  /** Role of the ECS agent: pulls the image, writes logs, reads the secrets. */
  public readonly executionRole: iam.Role;
  /** Role of the application; grant it what the code calls. */
  public readonly taskRole: iam.Role;
  /** The tasks' security group. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** Network access to the tasks. */
  public readonly connections: ec2.Connections;
  private scalableTaskCount?: ecs.ScalableTaskCount;
  private readonly autoScaling: TrackerServiceProps['autoScaling'];

  protected constructor(scope: Construct, id: string, props: TrackerServiceProps) {
    super(scope, id);
    const variant = this._variant(props);
    const name = qualifiedName(this, props.projectName, props.environmentName);
    validateServiceProps(this, props, variant);
    this.autoScaling = props.autoScaling;

    const serviceName = props.serviceName;
    const image = props.image.bind(this);
    const roles = createServiceRoles(this, serviceName);
    this.executionRole = roles.executionRole;
    this.taskRole = roles.taskRole;

    const logging = consolidate(LOGGING_DEFAULTS, props.logging);
    const logGroupName = ecsLogGroupName(name, serviceName);
    allowLogGroupToUseKey(this, props.encryptionKey, logGroupName);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName,
      encryptionKey: props.encryptionKey,
      retention: logging.retention,
      removalPolicy: logging.removalPolicy,
    });

    const task = createTaskAndContainer(this, {
      props, qualifiedName: name, image, roles, logGroup: this.logGroup, containerPort: variant.containerPort,
    });
    this.taskDefinition = task.taskDefinition;
    this.container = task.container;
    this.otelCollector = task.otelCollector;
    this.samplingRule = task.samplingRule;

    this.securityGroup = createServiceSecurityGroup(this, props.cluster.vpc, `${name} ${serviceName} tasks`, props.dataStores);
    this.connections = this.securityGroup.connections;
    addEfsMounts(this, { ...task, taskRole: this.taskRole, securityGroup: this.securityGroup }, props.efsMounts ?? []);

    const settings = consolidate(SERVICE_DEFAULTS, props);
    const deployment = consolidate(DEPLOYMENT_DEFAULTS, props.deployment);
    if (settings.enableExecuteCommand) warnIfExecUnlogged(this, props.cluster);
    const alarms = props.deployment?.alarms ?? [];
    // ECS Exec's permissions get a policy of their own: reviewable, and acknowledged apart from the app's grants.
    const [service, execPolicy] = roles.taskRole.collectGrantsIn('ExecuteCommandPolicy', () =>
      new ecs.FargateService(this, 'Service', {
        cluster: props.cluster,
        serviceName,
        taskDefinition: this.taskDefinition,
        desiredCount: props.desiredCount ?? props.autoScaling?.minCapacity ?? SERVICE_DEFAULTS.desiredCount,
        minHealthyPercent: deployment.minHealthyPercent,
        maxHealthyPercent: deployment.maxHealthyPercent,
        circuitBreaker: { enable: true, rollback: true },
        deploymentAlarms: alarms.length > 0
          ? { alarmNames: alarms.map((a) => a.alarmName), behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM }
          : undefined,
        enableExecuteCommand: settings.enableExecuteCommand,
        propagateTags: ecs.PropagatedTagSource.TASK_DEFINITION,
        enableECSManagedTags: true,
        capacityProviderStrategies: [{ capacityProvider: variant.capacityProvider, weight: 1 }],
        vpcSubnets: settings.vpcSubnets,
        securityGroups: [this.securityGroup],
        assignPublicIp: false,
        healthCheckGracePeriod: this._healthCheckGracePeriod(props),
      }));
    this.service = service;
    if (image.repository || task.collectorFromRepository) {
      acknowledge(this.executionRole, ['AwsSolutions-IAM5[Resource::*]'],
        'ecr:GetAuthorizationToken supports no resource-level permissions; image pulls are limited to the given repository.');
    }
    if (execPolicy) acknowledgeExecPermissions(this, props.cluster, execPolicy);
  }

  /** With `autoScaling`: the scalable task count, for extra policies. */
  public get scaling(): ecs.ScalableTaskCount | undefined {
    return this.scalableTaskCount;
  }

  /** Lets `grantee` pass the service's roles to ECS, e.g. a pipeline registering task definition revisions. */
  public grantPassRoles(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['iam:PassRole'],
      resourceArns: [this.executionRole.roleArn, this.taskRole.roleArn],
    });
  }

  /**
   * Validates the variant's own props and says what it decides for the
   * shared part. Called first in the constructor, before any resource exists.
   * @internal
   */
  protected abstract _variant(props: TrackerServiceProps): ServiceVariant;

  /**
   * Time after a task starts during which failed load balancer health checks are ignored.
   * @internal
   */
  protected _healthCheckGracePeriod(_props: TrackerServiceProps): Duration | undefined {
    return undefined;
  }

  /**
   * Attaches the validated `autoScaling`, last: request-count scaling needs the target group.
   * @internal
   */
  protected _configureAutoScaling(targetGroup?: elbv2.ApplicationTargetGroup): void {
    if (this.autoScaling) this.scalableTaskCount = configureAutoScaling(this.service, this.autoScaling, targetGroup);
  }
}
