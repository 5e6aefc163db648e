import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct, IConstruct } from 'constructs';
import { reserveListenerPriorities } from './listener-priorities';
import { WEB_DEFAULTS } from './service-defaults';
import { WebServiceOptions } from './web-service-options';
import { consolidate } from '../internal/defaults';
import { assertIntegerInRange, assertMatches, invalidProp } from '../internal/validation';

/** Values ALB allows in one rule, across its path and host conditions. */
const RULE_VALUE_LIMIT = 5;

/** Validates how a web service joins the listener, before any resource exists. */
export function validateWebOptions(scope: IConstruct, web: WebServiceOptions): void {
  if (!web.listener) {
    throw invalidProp(scope, 'web.listener', 'a web service needs the shared ALB listener', 'Pass the existing listener, e.g. the HTTPS listener.');
  }
  const paths = web.pathPatterns ?? [];
  const hosts = web.hostHeaders ?? [];
  if (paths.length === 0 && hosts.length === 0) {
    throw invalidProp(scope, 'web.pathPatterns', 'neither path patterns nor host headers are given, so no request would be routed',
      "Give pathPatterns (e.g. ['/api/*']) and/or hostHeaders.");
  }
  if (hosts.length >= RULE_VALUE_LIMIT && paths.length > 0) {
    throw invalidProp(scope, 'web.hostHeaders', `${hosts.length} host headers leave no room for path patterns in a rule of ${RULE_VALUE_LIMIT} values`,
      'Use at most 4 host headers together with path patterns.');
  }
  if (hosts.length > RULE_VALUE_LIMIT) {
    throw invalidProp(scope, 'web.hostHeaders', `got ${hosts.length}`, `An ALB rule takes at most ${RULE_VALUE_LIMIT} host headers.`);
  }
  assertIntegerInRange(scope, 'web.priority', web.priority, 1, 50000);
  assertMatches(scope, 'web.healthCheckPath', web.healthCheckPath, /^\/\S*$/, "Start the health check path with '/', e.g. /api/v1/health.");
  assertIntegerInRange(scope, 'web.healthyThresholdCount', web.healthyThresholdCount, 2, 10);
  assertIntegerInRange(scope, 'web.unhealthyThresholdCount', web.unhealthyThresholdCount, 2, 10);
  const options = consolidate(WEB_DEFAULTS, web);
  const interval = options.healthCheckInterval.toSeconds();
  const timeout = options.healthCheckTimeout.toSeconds();
  assertIntegerInRange(scope, 'web.healthCheckInterval', interval, 5, 300);
  assertIntegerInRange(scope, 'web.healthCheckTimeout', timeout, 2, 120);
  if (timeout >= interval) {
    throw invalidProp(scope, 'web.healthCheckTimeout', `${timeout}s is not shorter than the ${interval}s interval`,
      'Make the health check timeout shorter than its interval.');
  }
}

/** The target group behind the service's rules, with the ALB health check. */
export function createTargetGroup(scope: Construct, web: WebServiceOptions, containerPort: number, vpc: ec2.IVpc): elbv2.ApplicationTargetGroup {
  const options = consolidate(WEB_DEFAULTS, web);
  return new elbv2.ApplicationTargetGroup(scope, 'TargetGroup', {
    vpc,
    port: containerPort,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targetType: elbv2.TargetType.IP,
    deregistrationDelay: options.deregistrationDelay,
    healthCheck: {
      path: options.healthCheckPath,
      healthyHttpCodes: options.healthyHttpCodes,
      healthyThresholdCount: options.healthyThresholdCount,
      unhealthyThresholdCount: options.unhealthyThresholdCount,
      interval: options.healthCheckInterval,
      timeout: options.healthCheckTimeout,
    },
  });
}

/**
 * The listener rules forwarding the service's paths and hosts to
 * `targetGroup`, on consecutive priorities from `web.priority`, reserved so
 * that a clash with another service fails synth.
 */
export function addListenerRules(scope: Construct, web: WebServiceOptions,
  targetGroup: elbv2.IApplicationTargetGroup): elbv2.ApplicationListenerRule[] {
  const conditionGroups = ruleConditions(web.pathPatterns ?? [], web.hostHeaders ?? []);
  const priorities = conditionGroups.map((_, i) => web.priority + i);
  reserveListenerPriorities(scope, web.listener, priorities);
  return conditionGroups.map((conditions, i) =>
    new elbv2.ApplicationListenerRule(scope, i === 0 ? 'ListenerRule' : `ListenerRule${i + 1}`, {
      listener: web.listener,
      priority: priorities[i],
      conditions,
      action: elbv2.ListenerAction.forward([targetGroup]),
    }));
}

/** How long failed ALB health checks are ignored after a task starts. */
export function healthCheckGracePeriod(web: WebServiceOptions): Duration {
  return web.healthCheckGracePeriod ?? WEB_DEFAULTS.healthCheckGracePeriod;
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
