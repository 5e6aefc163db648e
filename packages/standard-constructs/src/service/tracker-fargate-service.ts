import { Annotations, Duration, RemovalPolicy, Size, SizeRoundingBehavior, Stack, Tags, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import * as xray from 'aws-cdk-lib/aws-xray';
import { Construct } from 'constructs';
import { DataStoreEndpoints } from './data-store-endpoints';
import { DataStoreEnvironment, DataStoreEnvironmentOptions } from './data-store-environment';
import { assertFargateTaskSize } from './fargate-task-size';
import { reserveListenerPriorities } from './listener-priorities';
import { allowLogGroupToUseKey } from './log-group-key';
import { ServiceLoggingOptions } from './logging-options';
import { addOtelCollector, otelEnvironment, validateTracing } from './otel-collector';
import { configureAutoScaling } from './service-autoscaling';
import { ServiceAutoScalingOptions } from './service-autoscaling-options';
import { ServiceImage } from './service-image';
import { createServiceRoles } from './service-roles';
import { ServiceTracingOptions } from './tracing-options';
import { WebServiceOptions } from './web-service-options';
import { EfsMount, ServiceDiscoveryOptions } from './worker-options';
import { acknowledgeFinding } from '../internal/acknowledge-finding';
import { iam5ResourceFinding } from '../internal/nag-findings';
import { assertIntegerInRange, assertMatches, invalidProp } from '../internal/validation';
import { StandardTagKey } from '../tagging/tag-keys';

/** Properties of a `TrackerFargateService`. */
export interface TrackerFargateServiceProps {
  /** The cluster, ideally a `StandardCluster` (Container Insights, exec logging, capacity providers). */
  readonly cluster: ecs.ICluster;
  /** Project part of names, e.g. `tracker-restapi`. */
  readonly projectName: string;
  /** Environment part of names, e.g. `staging`. */
  readonly environmentName: string;
  /** The service, e.g. `api`: names the ECS service, the container and the log group. */
  readonly serviceName: string;
  /** The image, pinned to a git SHA tag or a digest. */
  readonly image: ServiceImage;
  /** CPU units of the task: 256, 512, 1024, ... (Fargate table). */
  readonly cpu: number;
  /** Memory of the task in MiB; must be a Fargate combination with `cpu`. */
  readonly memoryLimitMiB: number;
  /** Key that encrypts the log group. */
  readonly encryptionKey: kms.IKey;
  /**
   * CPU architecture the image is built for.
   * @default ecs.CpuArchitecture.X86_64
   */
  readonly cpuArchitecture?: ecs.CpuArchitecture;
  /**
   * Port the container listens on. Required for web services.
   * @default - no port mapping (a worker nobody connects to)
   */
  readonly containerPort?: number;
  /**
   * Routes traffic from an existing ALB listener. Omit for a worker or private service.
   * @default - worker mode: no load balancer
   */
  readonly web?: WebServiceOptions;
  /**
   * Overrides the image's command, e.g. to run a TaskiQ worker from the API image.
   * @default - the image's CMD
   */
  readonly command?: string[];
  /**
   * Plain environment variables (no secrets: ECS-005/AwsSolutions-ECS2).
   * @default - none besides the data store variables
   */
  readonly environment?: { [name: string]: string };
  /**
   * Secrets injected at start, e.g. `{ SECRET_KEY: ecs.Secret.fromSecretsManager(secret) }`.
   * The execution role may read exactly these.
   * @default - none besides the data store passwords
   */
  readonly secrets?: { [name: string]: ecs.Secret };
  /**
   * PostgreSQL and Redis endpoints, turned into `POSTGRES_*`/`REDIS_*`
   * variables and password secrets by `DataStoreEnvironment`.
   * @default - no data stores
   */
  readonly dataStores?: DataStoreEndpoints;
  /**
   * Where `dataStores` live, for the network path: the data host (e.g. a
   * `TimescaleDataHost`), its security group, or `ec2.Peer.ipv4(peerCidr)` for
   * a peered VPC. The tasks get egress to it on the PostgreSQL and Redis ports
   * only (and a security group the matching ingress). Requires `dataStores`.
   * @default - no rule: open the path yourself, e.g. `dataHost.allowFrom(service)`
   */
  readonly dataStorePeer?: ec2.IConnectable;
  /**
   * Tuning of the data store variables.
   * @default - `DataStoreEnvironment` defaults
   */
  readonly dataStoreOptions?: DataStoreEnvironmentOptions;
  /**
   * Container health check.
   * @default - web: `curl -fsS http://localhost:<port><healthCheckPath>`; worker: none
   */
  readonly containerHealthCheck?: ecs.HealthCheck;
  /**
   * Mounts the root filesystem read-only. Incompatible with ECS Exec.
   * @default false
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * User (name, uid or uid:gid) the container runs as.
   * @default - the image's USER
   */
  readonly user?: string;
  /**
   * Log retention.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * What happens to the log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * awslogs driver mode and buffer.
   * @default - non-blocking with a 25 MiB buffer
   */
  readonly logging?: ServiceLoggingOptions;
  /**
   * Distributed tracing to AWS X-Ray through an AWS Distro for OpenTelemetry
   * collector sidecar, with an X-Ray sampling rule for the service.
   * @default - no tracing
   */
  readonly tracing?: ServiceTracingOptions;
  /**
   * Tasks to run (the starting point when `autoScaling` is set).
   * @default - `autoScaling.minCapacity`, else 1
   */
  readonly desiredCount?: number;
  /**
   * Lower limit of running tasks during a deployment, percent of desired.
   * @default 50
   */
  readonly minHealthyPercent?: number;
  /**
   * Upper limit of running tasks during a deployment, percent of desired.
   * @default 200
   */
  readonly maxHealthyPercent?: number;
  /**
   * Alarms that roll a deployment back while they are in ALARM.
   * @default - only the circuit breaker rolls back
   */
  readonly deploymentAlarms?: cloudwatch.IAlarm[];
  /**
   * Allows `aws ecs execute-command`, logged by the cluster's exec configuration.
   * @default true
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * Runs on Fargate Spot; workers only (web traffic needs on-demand capacity).
   * @default false
   */
  readonly fargateSpot?: boolean;
  /**
   * Registers the tasks in Cloud Map private DNS.
   * @default - not registered
   */
  readonly serviceDiscovery?: ServiceDiscoveryOptions;
  /**
   * EFS access points mounted into the container.
   * @default - none
   */
  readonly efsMounts?: EfsMount[];
  /**
   * Task-count autoscaling.
   * @default - a fixed `desiredCount`
   */
  readonly autoScaling?: ServiceAutoScalingOptions;
  /**
   * Subnets of the tasks.
   * @default - the cluster VPC's private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
}

const SERVICE_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const NAME_PART = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Values ALB allows in one rule, across its path and host conditions. */
const RULE_VALUE_LIMIT = 5;

/**
 * A standard Fargate service (seed 003 ECS-001..011): a task definition family
 * of its own, dedicated execution and task roles, a pinned image, secrets from
 * Secrets Manager, an encrypted log group, circuit breaker and alarm rollback,
 * ECS Exec, tag propagation and autoscaling. Web services join an existing ALB
 * listener with path/host rules; workers run without a load balancer, with
 * optional Cloud Map, EFS and Fargate Spot.
 */
export class TrackerFargateService extends Construct implements ec2.IConnectable {
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
  /** Web services only: the target group behind the listener rules. */
  public readonly targetGroup?: elbv2.ApplicationTargetGroup;
  /** Web services only: the listener rules, by ascending priority. */
  public readonly listenerRules: elbv2.ApplicationListenerRule[] = [];
  /** With `serviceDiscovery`: the Cloud Map service. */
  public readonly cloudMapService?: servicediscovery.IService;
  /** With `autoScaling`: the scalable task count, for extra policies. */
  public readonly scaling?: ecs.ScalableTaskCount;

  constructor(scope: Construct, id: string, props: TrackerFargateServiceProps) {
    super(scope, id);
    this.validate(props);
    const { serviceName } = props;
    const qualifiedName = `${props.projectName}-${props.environmentName}`;
    const image = props.image.bind(this);
    const roles = createServiceRoles(this, serviceName);
    this.executionRole = roles.executionRole;
    this.taskRole = roles.taskRole;

    const logGroupName = `/aws/ecs/${qualifiedName}/${serviceName}`;
    allowLogGroupToUseKey(this, props.encryptionKey, logGroupName);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName,
      encryptionKey: props.encryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      family: `${qualifiedName}-${serviceName}`,
      cpu: props.cpu,
      memoryLimitMiB: props.memoryLimitMiB,
      runtimePlatform: {
        cpuArchitecture: props.cpuArchitecture ?? ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
      executionRole: this.executionRole,
      taskRole: this.taskRole,
    });
    Tags.of(this).add(StandardTagKey.COMPONENT, serviceName);
    Tags.of(this.taskDefinition).add('ImageVersion', image.version);

    const dataStores = props.dataStores ? DataStoreEnvironment.fromEndpoints(props.dataStores, props.dataStoreOptions) : undefined;
    const tracedServiceName = `${qualifiedName}-${serviceName}`;
    const tracingEnvironment = props.tracing ? otelEnvironment(tracedServiceName, props.environmentName) : {};
    const environment = { ...dataStores?.environment, ...tracingEnvironment, ...props.environment };
    const logDriver = ecs.LogDrivers.awsLogs({
      logGroup: this.logGroup,
      streamPrefix: serviceName,
      mode: props.logging?.mode ?? ecs.AwsLogDriverMode.NON_BLOCKING,
      maxBufferSize: (props.logging?.mode ?? ecs.AwsLogDriverMode.NON_BLOCKING) === ecs.AwsLogDriverMode.NON_BLOCKING
        ? props.logging?.maxBufferSize ?? Size.mebibytes(25)
        : undefined,
    });
    this.container = this.taskDefinition.addContainer('Container', {
      containerName: serviceName,
      image: image.containerImage,
      essential: true,
      command: props.command,
      environment,
      secrets: { ...dataStores?.secrets, ...props.secrets },
      portMappings: props.containerPort !== undefined ? [{ containerPort: props.containerPort, protocol: ecs.Protocol.TCP }] : undefined,
      healthCheck: props.containerHealthCheck ?? this.defaultHealthCheck(props),
      readonlyRootFilesystem: props.readonlyRootFilesystem ?? false,
      user: props.user,
      linuxParameters: new ecs.LinuxParameters(this, 'LinuxParameters', { initProcessEnabled: true }),
      logging: logDriver,
    });
    let collectorFromRepository = false;
    if (props.tracing) {
      const collector = addOtelCollector(this, {
        taskDefinition: this.taskDefinition,
        appContainer: this.container,
        taskRole: roles.taskRole,
        logDriver,
        tracedServiceName,
        taskCpu: props.cpu,
        taskMemoryMiB: props.memoryLimitMiB,
      }, props.tracing);
      this.otelCollector = collector.container;
      this.samplingRule = collector.samplingRule;
      collectorFromRepository = collector.fromRepository;
    }
    if (Object.keys(environment).length > 0 || props.tracing) {
      Validations.of(this.taskDefinition).acknowledge({
        id: 'AwsSolutions-ECS2',
        reason: 'Only non-secret configuration (host names, ports, database numbers, the OpenTelemetry collector configuration) '
          + 'is in environment variables; every password and key is an ECS secret from Secrets Manager.',
      });
    }

    const vpc = props.cluster.vpc;
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: `${qualifiedName} ${serviceName} tasks`,
      allowAllOutbound: false,
    });
    // Image pulls, logs, secrets and ECS Exec all go to AWS APIs over HTTPS (seed 001 defect 1).
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'AWS APIs over HTTPS');
    this.connections = this.securityGroup.connections;
    if (props.dataStores && props.dataStorePeer) {
      // Least privilege: the data stores' own peer on their ports, never 0.0.0.0/0.
      this.connections.allowTo(props.dataStorePeer, ec2.Port.tcp(props.dataStores.postgresPort ?? 5432), 'PostgreSQL');
      this.connections.allowTo(props.dataStorePeer, ec2.Port.tcp(props.dataStores.redisPort ?? 6379), 'Redis');
    }

    this.addEfsMounts(props.efsMounts ?? []);

    const useSpot = props.fargateSpot ?? false;
    if (useSpot && props.cluster instanceof ecs.Cluster) props.cluster.enableFargateCapacityProviders();
    const enableExecuteCommand = props.enableExecuteCommand ?? true;
    if (enableExecuteCommand && !props.cluster.executeCommandConfiguration) {
      Annotations.of(this).addWarningV2('@glimpse/standard-constructs:execWithoutLogging',
        'ECS Exec is enabled but the cluster has no execute-command configuration: sessions are not logged. Use a StandardCluster.');
    }
    const alarms = props.deploymentAlarms ?? [];
    // ECS Exec's permissions get a policy of their own: reviewable, and acknowledged apart from the app's grants.
    const [service, execPolicy] = roles.taskRole.collectGrantsIn('ExecuteCommandPolicy', () =>
      new ecs.FargateService(this, 'Service', {
        cluster: props.cluster,
        serviceName,
        taskDefinition: this.taskDefinition,
        desiredCount: props.desiredCount ?? props.autoScaling?.minCapacity ?? 1,
        minHealthyPercent: props.minHealthyPercent ?? 50,
        maxHealthyPercent: props.maxHealthyPercent ?? 200,
        circuitBreaker: { enable: true, rollback: true },
        deploymentAlarms: alarms.length > 0
          ? { alarmNames: alarms.map((a) => a.alarmName), behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM }
          : undefined,
        enableExecuteCommand,
        propagateTags: ecs.PropagatedTagSource.TASK_DEFINITION,
        enableECSManagedTags: true,
        capacityProviderStrategies: [{ capacityProvider: useSpot ? 'FARGATE_SPOT' : 'FARGATE', weight: 1 }],
        vpcSubnets: props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        securityGroups: [this.securityGroup],
        assignPublicIp: false,
        healthCheckGracePeriod: props.web ? props.web.healthCheckGracePeriod ?? Duration.seconds(60) : undefined,
      }));
    this.service = service;
    if (image.repository || collectorFromRepository) {
      Validations.of(this.executionRole).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'ecr:GetAuthorizationToken supports no resource-level permissions; image pulls are limited to the given repository.',
      });
    }
    if (execPolicy) this.acknowledgeExecPermissions(execPolicy);

    if (props.serviceDiscovery) {
      this.cloudMapService = this.registerInCloudMap(props.serviceDiscovery, serviceName, vpc);
    }
    if (props.web && props.containerPort !== undefined) {
      this.targetGroup = this.joinListener(props.web, props.containerPort, vpc);
    }
    if (props.autoScaling) {
      this.scaling = configureAutoScaling(this, this.service, props.autoScaling, this.targetGroup);
    }
  }

  /** Lets `grantee` pass the service's roles to ECS, e.g. a pipeline registering task definition revisions. */
  public grantPassRoles(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['iam:PassRole'],
      resourceArns: [this.executionRole.roleArn, this.taskRole.roleArn],
    });
  }

  private validate(props: TrackerFargateServiceProps): void {
    assertMatches(this, 'serviceName', props.serviceName, SERVICE_NAME,
      'Use lowercase letters, digits and hyphens, starting with a letter, e.g. api or tracker-fetcher-2.');
    assertMatches(this, 'projectName', props.projectName, NAME_PART, 'Use lowercase letters, digits and hyphens, e.g. tracker-restapi.');
    assertMatches(this, 'environmentName', props.environmentName, NAME_PART, 'Use lowercase letters, digits and hyphens, e.g. staging.');
    assertFargateTaskSize(this, props.cpu, props.memoryLimitMiB);
    assertIntegerInRange(this, 'containerPort', props.containerPort, 1, 65535);
    assertIntegerInRange(this, 'desiredCount', props.desiredCount, 0, 5000);
    assertIntegerInRange(this, 'minHealthyPercent', props.minHealthyPercent, 0, 100);
    assertIntegerInRange(this, 'maxHealthyPercent', props.maxHealthyPercent, 100, 200);
    if (props.readonlyRootFilesystem && (props.enableExecuteCommand ?? true)) {
      throw invalidProp(this, 'readonlyRootFilesystem', 'ECS Exec needs a writable root filesystem for its agent',
        'Set enableExecuteCommand: false to use a read-only root filesystem, or leave the root filesystem writable.');
    }
    if (props.dataStorePeer && !props.dataStores) {
      throw invalidProp(this, 'dataStorePeer', 'given without `dataStores`, so there are no data store ports to open',
        'Pass `dataStores` too, or open other paths with `connections.allowTo(peer, port)`.');
    }
    if (props.web) this.validateWeb(props, props.web);
    if (props.logging) this.validateLogging(props, props.logging);
    if (props.tracing) validateTracing(this, props.tracing, props.cpu, props.memoryLimitMiB);
    const discovery = props.serviceDiscovery;
    if (discovery?.namespace && discovery.namespaceName !== undefined) {
      throw invalidProp(this, 'serviceDiscovery.namespaceName', 'it names a namespace to create, but `namespace` is given',
        'Pass either an existing namespace or the name of one to create.');
    }
  }

  private validateLogging(props: TrackerFargateServiceProps, logging: ServiceLoggingOptions): void {
    const buffer = logging.maxBufferSize;
    if (!buffer) return;
    if (logging.mode === ecs.AwsLogDriverMode.BLOCKING) {
      throw invalidProp(this, 'logging.maxBufferSize', 'the blocking mode has no buffer',
        'Remove maxBufferSize, or use mode: ecs.AwsLogDriverMode.NON_BLOCKING.');
    }
    const mebibytes = buffer.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
    if (!Number.isInteger(mebibytes) || mebibytes < 1 || mebibytes > props.memoryLimitMiB / 2) {
      throw invalidProp(this, 'logging.maxBufferSize', `got ${mebibytes} MiB`,
        `Use whole mebibytes from 1 to half the task memory (${Math.floor(props.memoryLimitMiB / 2)} MiB): the buffer is held in the task's memory.`);
    }
  }

  private validateWeb(props: TrackerFargateServiceProps, web: WebServiceOptions): void {
    if (!web.listener) {
      throw invalidProp(this, 'web.listener', 'a web service needs the shared ALB listener', 'Pass the existing listener, e.g. the HTTPS listener.');
    }
    if (props.containerPort === undefined) {
      throw invalidProp(this, 'containerPort', 'a web service must say which port the ALB sends traffic to', 'Set containerPort, e.g. 8000.');
    }
    if (props.fargateSpot) {
      throw invalidProp(this, 'fargateSpot', 'web services must not run on Fargate Spot (interruptions drop user requests; seed 003 ECS-008)',
        'Use Fargate Spot for workers only, or remove fargateSpot.');
    }
    const paths = web.pathPatterns ?? [];
    const hosts = web.hostHeaders ?? [];
    if (paths.length === 0 && hosts.length === 0) {
      throw invalidProp(this, 'web.pathPatterns', 'neither path patterns nor host headers are given, so no request would be routed',
        "Give pathPatterns (e.g. ['/api/*']) and/or hostHeaders.");
    }
    if (hosts.length >= RULE_VALUE_LIMIT && paths.length > 0) {
      throw invalidProp(this, 'web.hostHeaders', `${hosts.length} host headers leave no room for path patterns in a rule of ${RULE_VALUE_LIMIT} values`,
        'Use at most 4 host headers together with path patterns.');
    }
    if (hosts.length > RULE_VALUE_LIMIT) {
      throw invalidProp(this, 'web.hostHeaders', `got ${hosts.length}`, `An ALB rule takes at most ${RULE_VALUE_LIMIT} host headers.`);
    }
    assertIntegerInRange(this, 'web.priority', web.priority, 1, 50000);
    assertMatches(this, 'web.healthCheckPath', web.healthCheckPath, /^\/\S*$/, "Start the health check path with '/', e.g. /api/v1/health.");
    assertIntegerInRange(this, 'web.healthyThresholdCount', web.healthyThresholdCount, 2, 10);
    assertIntegerInRange(this, 'web.unhealthyThresholdCount', web.unhealthyThresholdCount, 2, 10);
    const interval = (web.healthCheckInterval ?? Duration.seconds(30)).toSeconds();
    const timeout = (web.healthCheckTimeout ?? Duration.seconds(5)).toSeconds();
    assertIntegerInRange(this, 'web.healthCheckInterval', interval, 5, 300);
    assertIntegerInRange(this, 'web.healthCheckTimeout', timeout, 2, 120);
    if (timeout >= interval) {
      throw invalidProp(this, 'web.healthCheckTimeout', `${timeout}s is not shorter than the ${interval}s interval`,
        'Make the health check timeout shorter than its interval.');
    }
  }

  private defaultHealthCheck(props: TrackerFargateServiceProps): ecs.HealthCheck | undefined {
    if (!props.web || props.containerPort === undefined) return undefined;
    const path = props.web.healthCheckPath ?? '/';
    return {
      command: ['CMD-SHELL', `curl -fsS http://localhost:${props.containerPort}${path} || exit 1`],
      interval: Duration.seconds(30),
      timeout: Duration.seconds(5),
      retries: 3,
      startPeriod: Duration.seconds(60),
    };
  }

  private addEfsMounts(mounts: EfsMount[]): void {
    mounts.forEach((mount, index) => {
      const volumeName = `efs-${index + 1}`;
      this.taskDefinition.addVolume({
        name: volumeName,
        efsVolumeConfiguration: {
          fileSystemId: mount.fileSystem.fileSystemId,
          transitEncryption: 'ENABLED',
          authorizationConfig: { accessPointId: mount.accessPoint.accessPointId, iam: 'ENABLED' },
        },
      });
      this.container.addMountPoints({ sourceVolume: volumeName, containerPath: mount.containerPath, readOnly: mount.readOnly ?? false });
      // Mount through this access point only, as the task role.
      this.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: mount.readOnly ? ['elasticfilesystem:ClientMount'] : ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        resources: [mount.fileSystem.fileSystemArn],
        conditions: { StringEquals: { 'elasticfilesystem:AccessPointArn': mount.accessPoint.accessPointArn } },
      }));
      mount.fileSystem.connections.allowDefaultPortFrom(this.securityGroup, `${this.node.path} mounts EFS`);
    });
  }

  private registerInCloudMap(options: ServiceDiscoveryOptions, serviceName: string, vpc: ec2.IVpc): servicediscovery.IService {
    const namespace = options.namespace ?? new servicediscovery.PrivateDnsNamespace(this, 'Namespace', {
      name: options.namespaceName ?? `${serviceName}.local`,
      vpc,
      description: `Private DNS of ${serviceName}`,
    });
    return this.service.enableCloudMap({
      cloudMapNamespace: namespace,
      name: options.name ?? serviceName,
      dnsRecordType: servicediscovery.DnsRecordType.A,
      dnsTtl: options.dnsTtl ?? Duration.seconds(10),
    });
  }

  private joinListener(web: WebServiceOptions, containerPort: number, vpc: ec2.IVpc): elbv2.ApplicationTargetGroup {
    const targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', {
      vpc,
      port: containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      deregistrationDelay: web.deregistrationDelay ?? Duration.seconds(30),
      healthCheck: {
        path: web.healthCheckPath ?? '/',
        healthyHttpCodes: web.healthyHttpCodes ?? '200',
        healthyThresholdCount: web.healthyThresholdCount ?? 2,
        unhealthyThresholdCount: web.unhealthyThresholdCount ?? 2,
        interval: web.healthCheckInterval ?? Duration.seconds(30),
        timeout: web.healthCheckTimeout ?? Duration.seconds(5),
      },
    });
    targetGroup.addTarget(this.service.loadBalancerTarget({ containerName: this.container.containerName, containerPort }));

    const conditionGroups = ruleConditions(web.pathPatterns ?? [], web.hostHeaders ?? []);
    const priorities = conditionGroups.map((_, i) => web.priority + i);
    reserveListenerPriorities(this, web.listener, priorities);
    conditionGroups.forEach((conditions, i) => {
      this.listenerRules.push(new elbv2.ApplicationListenerRule(this, i === 0 ? 'ListenerRule' : `ListenerRule${i + 1}`, {
        listener: web.listener,
        priority: priorities[i],
        conditions,
        action: elbv2.ListenerAction.forward([targetGroup]),
      }));
    });
    return targetGroup;
  }

  /** ECS Exec's permissions, which IAM cannot scope further. */
  private acknowledgeExecPermissions(execPolicy: iam.ManagedPolicy): void {
    Validations.of(execPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ECS Exec: the ssmmessages channel actions and logs:DescribeLogGroups support no resource-level permissions.',
    });
    const execLogGroup = this.service.cluster.executeCommandConfiguration?.logConfiguration?.cloudWatchLogGroup;
    if (!execLogGroup) return;
    // The ARN FargateService grants: the streams of the cluster's exec log group.
    const stack = Stack.of(this);
    const streams = `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:${execLogGroup.logGroupRef.logGroupName}:*`;
    acknowledgeFinding(execPolicy, iam5ResourceFinding(this, streams),
      'ECS Exec creates and writes its session log streams in the cluster exec log group only.');
  }
}

/**
 * Splits paths and hosts into rules of at most five values: every rule keeps
 * all host headers and takes as many path patterns as still fit.
 */
function ruleConditions(paths: string[], hosts: string[]): elbv2.ListenerCondition[][] {
  const hostCondition = hosts.length > 0 ? [elbv2.ListenerCondition.hostHeaders(hosts)] : [];
  if (paths.length === 0) return [hostCondition];
  const perRule = RULE_VALUE_LIMIT - hosts.length;
  const rules: elbv2.ListenerCondition[][] = [];
  for (let i = 0; i < paths.length; i += perRule) {
    rules.push([...hostCondition, elbv2.ListenerCondition.pathPatterns(paths.slice(i, i + perRule))]);
  }
  return rules;
}
