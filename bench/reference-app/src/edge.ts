/** The public edge: the certificate, the WAF and the internet-facing ALB with its access logs. */
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export interface EdgeProps {
  readonly prefix: string;
  readonly hostname: string;
  readonly vpc: ec2.IVpc;
  readonly key: kms.IKey;
  readonly wafRateLimit: number;
}

export class Edge extends Construct {
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** HTTPS: the services add their rules; its default action is the frontend's. */
  public readonly httpsListener: elbv2.ApplicationListener;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const { prefix, hostname } = props;
    const stack = Stack.of(this);

    // The zone is outside Route 53: the stack outputs the CNAME to add, read back from ACM.
    const certificate = new acm.Certificate(this, 'Certificate', { domainName: hostname, validation: acm.CertificateValidation.fromDns() });
    const records = new cr.AwsCustomResource(this, 'ValidationRecords', {
      onUpdate: {
        service: 'ACM',
        action: 'describeCertificate',
        parameters: { CertificateArn: certificate.certificateArn },
        physicalResourceId: cr.PhysicalResourceId.of(certificate.certificateArn),
        outputPaths: ['Certificate.DomainValidationOptions.0.ResourceRecord.Name', 'Certificate.DomainValidationOptions.0.ResourceRecord.Value'],
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [certificate.certificateArn] }),
      installLatestAwsSdk: false,
    });
    for (const field of ['Name', 'Value']) {
      new CfnOutput(stack, `CertificateValidationRecord${field}`, {
        description: `CNAME ${field.toLowerCase()} that validates ${hostname}; keep it in the DNS zone so ACM can renew`,
        value: records.getResponseField(`Certificate.DomainValidationOptions.0.ResourceRecord.${field}`),
      });
    }

    // AWS managed rules and a per-IP rate limit; every request logged (the key encrypts aws-waf-logs-*).
    const metricPrefix = prefix.replace(/-/g, '');
    const visibility = (name: string) => ({ cloudWatchMetricsEnabled: true, metricName: `${metricPrefix}${name}`, sampledRequestsEnabled: true });
    const managedRule = (name: string, priority: number): wafv2.CfnWebACL.RuleProperty => ({
      name, priority, overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });
    const webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: prefix,
      description: `${prefix}: managed rules and a per-IP rate limit in front of the public load balancer`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('WebAcl'),
      rules: [
        {
          name: 'RateLimitPerIp', priority: 5, action: { block: {} },
          statement: { rateBasedStatement: { aggregateKeyType: 'IP', evaluationWindowSec: 300, limit: props.wafRateLimit } },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
        managedRule('AWSManagedRulesCommonRuleSet', 10),
        managedRule('AWSManagedRulesKnownBadInputsRuleSet', 20),
      ],
    });
    const wafLogs = new logs.LogGroup(this, 'WebAclLogGroup', {
      logGroupName: `aws-waf-logs-${prefix}`,
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new wafv2.CfnLoggingConfiguration(this, 'WebAclLogging', {
      resourceArn: webAcl.attrArn,
      // WAF wants the log group's ARN without the trailing `:*`.
      logDestinationConfigs: [stack.formatArn({
        service: 'logs', resource: 'log-group', resourceName: wafLogs.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      })],
    });

    const accessLogs = new s3.Bucket(this, 'AccessLogBucket', {
      bucketName: `glimpse-${prefix}-alb-logs-${stack.account}`,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{
        id: 'ExpireAccessLogs',
        expiration: Duration.days(90),
        noncurrentVersionExpiration: Duration.days(30),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      }],
    });
    // Outbound only to the targets, rule by rule, as they register.
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `${prefix} public load balancer`,
      allowAllOutbound: false,
    });
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      internetFacing: true,
      loadBalancerName: prefix,
      securityGroup,
      deletionProtection: true,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: elbv2.DesyncMitigationMode.DEFENSIVE,
      idleTimeout: Duration.seconds(60),
    });
    this.loadBalancer.logAccessLogs(accessLogs, 'alb');
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', { resourceArn: this.loadBalancer.loadBalancerArn, webAclArn: webAcl.attrArn });

    this.loadBalancer.addListener('Http', {
      port: 80,
      open: true,
      defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
    });
    this.httpsListener = this.loadBalancer.addListener('Https', {
      port: 443,
      open: true,
      certificates: [certificate],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    });
  }
}
