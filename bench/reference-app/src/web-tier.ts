/** The services behind the HTTPS listener: api and admin by path, everything else to the frontend. */
import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { EnvironmentConfig, TaskSize } from './config';
import { AppService } from './service';

export interface WebTierProps {
  readonly prefix: string;
  readonly config: EnvironmentConfig;
  readonly cluster: ecs.ICluster;
  readonly key: kms.IKey;
  readonly listener: elbv2.ApplicationListener;
  /** Data store variables, ANISETTE_SERVER and SECRET_KEY: the api's. */
  readonly apiEnvironment: Record<string, string>;
  readonly apiSecrets: Record<string, ecs.Secret>;
}

interface WebServiceOptions {
  readonly image: string;
  readonly size: TaskSize;
  readonly port: number;
  readonly priority: number;
  readonly conditions: elbv2.ListenerCondition[];
  readonly healthCheckPath?: string;
  readonly environment?: Record<string, string>;
  readonly secrets?: Record<string, ecs.Secret>;
}

export class WebTier {
  public readonly api: AppService;
  public readonly admin: AppService;
  public readonly frontend: AppService;
  /** By service name, in the order the alarms and the dashboard list them. */
  public readonly targetGroups: Record<string, elbv2.ApplicationTargetGroup> = {};

  constructor(private readonly scope: Construct, private readonly props: WebTierProps) {
    const { sizes, hostname } = props.config;
    this.api = this.webService('api', {
      image: 'api', size: sizes.api, port: 8000, priority: 10,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/api/*', '/api/v1/*', '/docs', '/redoc', '/openapi.json'])],
      healthCheckPath: '/api/v1/health',
      environment: props.apiEnvironment,
      secrets: props.apiSecrets,
    });
    this.admin = this.webService('admin', {
      image: 'admin', size: sizes.admin, port: 80, priority: 20,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/admin*', '/health*'])],
    });
    this.frontend = this.webService('frontend', {
      image: 'frontend', size: sizes.frontend, port: 80, priority: 100,
      conditions: [elbv2.ListenerCondition.hostHeaders([hostname])],
    });
    // Anything no rule matches (other hosts, bare IPs) also goes to the frontend.
    props.listener.addAction('Default', { action: elbv2.ListenerAction.forward([this.targetGroups.frontend]) });
  }

  private webService(name: string, options: WebServiceOptions): AppService {
    const { prefix, config, listener } = this.props;
    const id = name.charAt(0).toUpperCase() + name.slice(1);
    // Deployments roll back when the new tasks answer with errors or slowly.
    const alarmNames = ['target-5xx', 'p99-latency'].map((alarm) => `${prefix}-${name}-target-group-${alarm}`);
    const service = new AppService(this.scope, id, {
      prefix,
      cluster: this.props.cluster,
      key: this.props.key,
      name,
      image: options.image,
      size: options.size,
      ecsExec: config.ecsExec,
      containerPort: options.port,
      environment: options.environment,
      secrets: options.secrets,
      deploymentAlarmNames: alarmNames,
    });
    const targetGroup = new elbv2.ApplicationTargetGroup(service, 'TargetGroup', {
      vpc: this.props.cluster.vpc,
      port: options.port,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      deregistrationDelay: Duration.seconds(30),
      healthCheck: {
        path: options.healthCheckPath ?? '/',
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 2,
        healthyHttpCodes: '200',
      },
    });
    new elbv2.ApplicationListenerRule(service, 'ListenerRule', {
      listener,
      priority: options.priority,
      conditions: options.conditions,
      targetGroups: [targetGroup],
    });
    targetGroup.addTarget(service.service.loadBalancerTarget({ containerName: name, containerPort: options.port }));
    if (options.size.scaling) service.autoScale(options.size.scaling, targetGroup);
    this.targetGroups[name] = targetGroup;
    return service;
  }
}
