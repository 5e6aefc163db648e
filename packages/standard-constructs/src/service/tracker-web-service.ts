import { Duration } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { TrackerFargateService } from './tracker-fargate-service';
import { TrackerServiceProps } from './tracker-service-props';
import { ServiceVariant } from './validate-service-props';
import { addListenerRules, createTargetGroup, healthCheckGracePeriod, validateWebOptions } from './web-listener-rules';
import { WebServiceOptions } from './web-service-options';
import { invalidProp } from '../internal/validation';

/** Properties of a `TrackerWebService`. */
export interface TrackerWebServiceProps extends TrackerServiceProps {
  /** Port the container listens on; the ALB sends traffic to it. */
  readonly containerPort: number;
  /** How the service joins the existing, shared ALB listener: rules, priority, health check. */
  readonly web: WebServiceOptions;
}

/**
 * A `TrackerFargateService` behind an existing, shared ALB listener: its own
 * target group (ip targets, health checked) and listener rules on its path
 * patterns and host headers. Always on-demand Fargate capacity: a Spot
 * interruption would drop user requests (partner check ECS-008).
 */
export class TrackerWebService extends TrackerFargateService {
  /** The target group behind the listener rules. */
  public readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** The listener rules, by ascending priority. */
  public readonly listenerRules: elbv2.ApplicationListenerRule[];

  constructor(scope: Construct, id: string, props: TrackerWebServiceProps) {
    super(scope, id, props);
    this.targetGroup = createTargetGroup(this, props.web, props.containerPort, props.cluster.vpc);
    this.targetGroup.addTarget(this.service.loadBalancerTarget({ containerName: this.container.containerName, containerPort: props.containerPort }));
    this.listenerRules = addListenerRules(this, props.web, this.targetGroup);
    this._configureAutoScaling(this.targetGroup);
  }

  /** @internal */
  protected _variant(props: TrackerServiceProps): ServiceVariant {
    const web = props as TrackerWebServiceProps;
    if (web.containerPort === undefined) {
      throw invalidProp(this, 'containerPort', 'a web service must say which port the ALB sends traffic to', 'Set containerPort, e.g. 8000.');
    }
    if (!web.web) {
      throw invalidProp(this, 'web', 'a web service joins an existing ALB listener', 'Pass web: { listener, priority, pathPatterns }.');
    }
    validateWebOptions(this, web.web);
    return { containerPort: web.containerPort, capacityProvider: 'FARGATE', loadBalanced: true };
  }

  /** @internal */
  protected _healthCheckGracePeriod(props: TrackerServiceProps): Duration {
    return healthCheckGracePeriod((props as TrackerWebServiceProps).web);
  }
}
