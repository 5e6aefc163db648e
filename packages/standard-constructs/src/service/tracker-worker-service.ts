import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import { CLOUD_MAP_DEFAULTS } from './service-defaults';
import { TrackerFargateService } from './tracker-fargate-service';
import { TrackerServiceProps } from './tracker-service-props';
import { ServiceVariant } from './validate-service-props';
import { ServiceDiscoveryOptions } from './worker-options';
import { invalidProp } from '../internal/validation';

/** Properties of a `TrackerWorkerService`. */
export interface TrackerWorkerServiceProps extends TrackerServiceProps {
  /**
   * Port the container listens on, for a private service that others call
   * (e.g. through `serviceDiscovery`); open it with `connections.allowFrom`.
   * @default - no port mapping (a worker nobody connects to)
   */
  readonly containerPort?: number;
  /**
   * Runs on Fargate Spot: up to 70 % cheaper, for work that survives an
   * interruption (a queue consumer that retries). The cluster needs the
   * FARGATE_SPOT capacity provider, as a `StandardCluster` has.
   * @default false
   */
  readonly fargateSpot?: boolean;
  /**
   * Registers the tasks in Cloud Map private DNS.
   * @default - not registered
   */
  readonly serviceDiscovery?: ServiceDiscoveryOptions;
}

/**
 * A `TrackerFargateService` without a load balancer: a queue worker (e.g. a
 * TaskiQ worker with a command override), or a private service reached
 * through Cloud Map private DNS, optionally on Fargate Spot.
 */
export class TrackerWorkerService extends TrackerFargateService {
  /** With `serviceDiscovery`: the Cloud Map service. */
  public readonly cloudMapService?: servicediscovery.IService;

  constructor(scope: Construct, id: string, props: TrackerWorkerServiceProps) {
    super(scope, id, props);
    if (props.serviceDiscovery) this.cloudMapService = this.registerInCloudMap(props.serviceDiscovery, props.serviceName);
    this._configureAutoScaling();
  }

  /** @internal */
  protected _variant(props: TrackerServiceProps): ServiceVariant {
    const worker = props as TrackerWorkerServiceProps;
    const discovery = worker.serviceDiscovery;
    if (discovery?.namespace && discovery.namespaceName !== undefined) {
      throw invalidProp(this, 'serviceDiscovery.namespaceName', 'it names a namespace to create, but `namespace` is given',
        'Pass either an existing namespace or the name of one to create.');
    }
    return { containerPort: worker.containerPort, capacityProvider: worker.fargateSpot ? 'FARGATE_SPOT' : 'FARGATE', loadBalanced: false };
  }

  private registerInCloudMap(options: ServiceDiscoveryOptions, serviceName: string): servicediscovery.IService {
    const namespace = options.namespace ?? new servicediscovery.PrivateDnsNamespace(this, 'Namespace', {
      name: options.namespaceName ?? `${serviceName}.local`,
      vpc: this.service.cluster.vpc,
      description: `Private DNS of ${serviceName}`,
    });
    return this.service.enableCloudMap({
      cloudMapNamespace: namespace,
      name: options.name ?? serviceName,
      dnsRecordType: servicediscovery.DnsRecordType.A,
      dnsTtl: options.dnsTtl ?? CLOUD_MAP_DEFAULTS.dnsTtl,
    });
  }
}
