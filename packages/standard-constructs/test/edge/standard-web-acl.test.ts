import { Match, Template } from 'aws-cdk-lib/assertions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { StandardWebAcl, StandardWebAclProps } from '../../src';
import { nagFindings } from '../nag';
import { NAMES, edgePlatform, edgeStack } from './fixtures';
import { resourceCounts } from '../resource-counts';

function build(props: Partial<StandardWebAclProps> = {}) {
  const stack = edgeStack();
  const { key } = edgePlatform(stack);
  const waf = new StandardWebAcl(stack, 'Waf', { ...NAMES, encryptionKey: key, ...props });
  return { stack, waf, get template() { return Template.fromStack(stack); } };
}

describe('StandardWebAcl', () => {
  test('regional, default allow, rate limit 5, common rules 10, known bad inputs 20, metrics on', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Name: 'tracker-restapi-staging',
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Name: 'RateLimitPerIp',
          Priority: 5,
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
        }),
        Match.objectLike({
          Name: 'AWSManagedRulesCommonRuleSet',
          Priority: 10,
          OverrideAction: { None: {} },
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } },
          VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: 'trackerrestapistagingAWSManagedRulesCommonRuleSet' },
        }),
        Match.objectLike({
          Name: 'AWSManagedRulesKnownBadInputsRuleSet',
          Priority: 20,
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
        }),
      ],
    });
  });

  test('rate limit is a prop', () => {
    build({ rateLimitPerFiveMinutes: 300 }).template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([Match.objectLike({ Statement: { RateBasedStatement: Match.objectLike({ Limit: 300 }) } })]),
    });
  });

  test('logs to aws-waf-logs-<project>-<env>, KMS-encrypted, 365 days, retained', () => {
    const { template } = build();
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: { LogGroupName: 'aws-waf-logs-tracker-restapi-staging', RetentionInDays: 365, KmsKeyId: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WafWebAcl'), 'Arn'] },
      LogDestinationConfigs: [{
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-2:111111111111:log-group:', { Ref: Match.stringLikeRegexp('^WafLogGroup') }]],
      }],
    });
  });

  test('associate() attaches the ACL to a load balancer', () => {
    const { stack, waf } = build();
    const alb = elbv2.ApplicationLoadBalancer.fromApplicationLoadBalancerAttributes(stack, 'Alb', {
      loadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-2:111111111111:loadbalancer/app/x/0123456789abcdef',
      securityGroupId: 'sg-12345678',
    });
    waf.associate('Association', alb);
    Template.fromStack(stack).hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: 'arn:aws:elasticloadbalancing:eu-west-2:111111111111:loadbalancer/app/x/0123456789abcdef',
      WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WafWebAcl'), 'Arn'] },
    });
  });

  test('rejects a rate limit below 10', () => {
    expect(() => build({ rateLimitPerFiveMinutes: 5 })).toThrow(/invalid `rateLimitPerFiveMinutes`: got 5. Use a whole number from 10 to 2000000000/);
  });

  test('rejects an invalid environment name', () => {
    expect(() => build({ environmentName: 'Staging' })).toThrow(/invalid `environmentName`/);
  });

  test('cdk-nag clean', () => {
    expect(nagFindings((stack) => new StandardWebAcl(stack, 'Waf', { ...NAMES, encryptionKey: edgePlatform(stack).key }))).toEqual([]);
  });

  test('creates the web ACL and its logging, nothing else', () => {
    expect(resourceCounts(build().template)).toEqual({
      'AWS::KMS::Key': 1,
      'AWS::Logs::LogGroup': 1,
      'AWS::WAFv2::LoggingConfiguration': 1,
      'AWS::WAFv2::WebACL': 1,
    });
  });
});
