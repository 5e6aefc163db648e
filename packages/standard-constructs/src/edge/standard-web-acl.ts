import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { qualifiedName } from '../internal/names';
import { assertIntegerInRange } from '../internal/validation';

/** Properties of a `StandardWebAcl`. */
export interface StandardWebAclProps {
  /** Project part of names, e.g. `tracker-restapi`. */
  readonly projectName: string;
  /** Environment part of names, e.g. `staging`. */
  readonly environmentName: string;
  /** Key that encrypts the WAF log group, e.g. a `ProjectKey`'s key. */
  readonly encryptionKey: kms.IKey;
  /**
   * Requests one client IP may send in any 5-minute window before it is blocked.
   * @default 1000
   */
  readonly rateLimitPerFiveMinutes?: number;
  /**
   * WAF log retention.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * What happens to the WAF log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/** Priorities of the rules; gaps leave room for a consumer's own rules. */
const RATE_LIMIT_PRIORITY = 5;
const COMMON_RULE_SET_PRIORITY = 10;
const KNOWN_BAD_INPUTS_PRIORITY = 20;

/**
 * A regional WAF web ACL for a public load balancer: a per-IP rate limit
 * (priority 5, cheapest first), AWSManagedRulesCommonRuleSet (10) and
 * AWSManagedRulesKnownBadInputsRuleSet (20), default allow, metrics and
 * sampled requests on every rule, and full logging to the KMS-encrypted log
 * group `aws-waf-logs-<project>-<env>` (WAF only logs to groups named `aws-waf-logs-…`).
 */
export class StandardWebAcl extends Construct {
  /** The web ACL. */
  public readonly webAcl: wafv2.CfnWebACL;
  /** `aws-waf-logs-<project>-<env>`. */
  public readonly logGroup: logs.LogGroup;
  /** The web ACL's ARN. */
  public readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: StandardWebAclProps) {
    super(scope, id);
    const name = qualifiedName(this, props.projectName, props.environmentName);
    const rateLimit = props.rateLimitPerFiveMinutes ?? 1000;
    assertIntegerInRange(this, 'rateLimitPerFiveMinutes', rateLimit, 10, 2_000_000_000);
    const metricPrefix = name.replace(/-/g, '');

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name,
      description: `${name}: managed rules and a per-IP rate limit in front of the public load balancer`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${metricPrefix}WebAcl`),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: RATE_LIMIT_PRIORITY,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: rateLimit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: visibility(`${metricPrefix}RateLimitPerIp`),
        },
        managedRuleGroup('AWSManagedRulesCommonRuleSet', COMMON_RULE_SET_PRIORITY, metricPrefix),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', KNOWN_BAD_INPUTS_PRIORITY, metricPrefix),
      ],
    });
    this.webAclArn = this.webAcl.attrArn;

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `aws-waf-logs-${name}`,
      encryptionKey: props.encryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    const stack = Stack.of(this);
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group ARN without the trailing `:*` of `logGroupArn`.
      logDestinationConfigs: [stack.formatArn({
        service: 'logs', resource: 'log-group', resourceName: this.logGroup.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      })],
    });
  }

  /** Puts the web ACL in front of a load balancer. */
  public associate(id: string, loadBalancer: elbv2.IApplicationLoadBalancer): wafv2.CfnWebACLAssociation {
    return new wafv2.CfnWebACLAssociation(this, id, {
      resourceArn: loadBalancer.loadBalancerArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

function managedRuleGroup(name: string, priority: number, metricPrefix: string): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
    visibilityConfig: visibility(`${metricPrefix}${name}`),
  };
}
