import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { GlimpseCompliance, ProjectKey, StandardWebAcl } from '@glimpse/standard-constructs';
import { acknowledgeDestroyed, tagIntegStack } from './integ-compliance';

/**
 * A StandardWebAcl logging to its KMS-encrypted `aws-waf-logs-…` group
 * (WAF refuses to log to any other name). The assertions read the web
 * ACL's rules and its logging configuration back from WAF.
 */
const app = new App();
GlimpseCompliance.enable(app);
const stack = new Stack(app, 'EdgeWebAclLogging');
tagIntegStack(stack, 'edge-web-acl-logging');
const names = { projectName: 'integ-edge', environmentName: 'test' };
const projectKey = new ProjectKey(stack, 'ProjectKey', { ...names, removalPolicy: RemovalPolicy.DESTROY });
const waf = new StandardWebAcl(stack, 'WebAcl', { ...names, encryptionKey: projectKey.key, logRemovalPolicy: RemovalPolicy.DESTROY });
acknowledgeDestroyed(projectKey.key, waf.logGroup);

const integ = new IntegTest(app, 'EdgeWebAclLoggingTest', { testCases: [stack] });

integ.assertions
  .awsApiCall('WAFV2', 'getLoggingConfiguration', { ResourceArn: waf.webAclArn })
  .expect(ExpectedResult.objectLike({
    LoggingConfiguration: Match.objectLike({ LogDestinationConfigs: [Match.stringLikeRegexp(':log-group:aws-waf-logs-integ-edge-test$')] }),
  }));

integ.assertions
  .awsApiCall('WAFV2', 'getWebACL', { Name: 'integ-edge-test', Scope: 'REGIONAL', Id: waf.webAcl.attrId })
  .expect(ExpectedResult.objectLike({
    WebACL: Match.objectLike({
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({ Name: 'RateLimitPerIp', Priority: 5 }),
        Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet', Priority: 10 }),
        Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet', Priority: 20 }),
      ],
    }),
  }));
