import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { StandardWebAcl } from './standard-web-acl';
import { acknowledge, hipaaAndNist } from '../internal/acknowledge';
import { qualifiedName } from '../internal/names';
import { assertIntegerInRange, invalidProp } from '../internal/validation';

/** Properties of a `PublicLoadBalancer`. */
export interface PublicLoadBalancerProps {
  /** Project part of names, e.g. `tracker-restapi`. */
  readonly projectName: string;
  /** Environment part of names, e.g. `staging`. */
  readonly environmentName: string;
  /** The VPC; the load balancer goes in its public subnets. */
  readonly vpc: ec2.IVpc;
  /** The certificate of the HTTPS listener, e.g. an `ExternalDnsCertificate`'s. */
  readonly certificate: acm.ICertificate;
  /**
   * The web ACL in front of the load balancer.
   * @default - no WAF (cdk-nag's ALBWAFEnabled reports it)
   */
  readonly webAcl?: StandardWebAcl;
  /**
   * What the HTTPS listener does with requests no rule matches.
   * @default - none yet: call `forwardByDefault()` or `httpsListener.addAction()`; synth fails without one
   */
  readonly defaultAction?: elbv2.ListenerAction;
  /**
   * TLS policy of the HTTPS listener.
   * @default elbv2.SslPolicy.RECOMMENDED_TLS (TLS 1.3 and 1.2)
   */
  readonly sslPolicy?: elbv2.SslPolicy;
  /**
   * Protects the load balancer from deletion (delete needs two deployments).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * How long a connection may idle, 1 to 4000 whole seconds.
   * @default Duration.seconds(60)
   */
  readonly idleTimeout?: Duration;
  /**
   * How long access logs are kept, in whole days.
   * @default Duration.days(90)
   */
  readonly accessLogExpiry?: Duration;
  /**
   * What happens to the access log bucket when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly accessLogRemovalPolicy?: RemovalPolicy;
}

/**
 * The internet-facing Application Load Balancer of a project: public subnets,
 * invalid header fields dropped, deletion protection, access logs to an
 * SSE-S3 bucket `glimpse-<project>-<env>-alb-logs-<account>` (ALB cannot
 * write SSE-KMS), HTTP:80 redirected (301) to HTTPS:443 with a modern TLS
 * policy, and the web ACL associated. Services add their path rules to
 * `httpsListener`; egress from the load balancer is opened per target only.
 */
export class PublicLoadBalancer extends Construct {
  /** The load balancer. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** The HTTPS:443 listener services join. */
  public readonly httpsListener: elbv2.ApplicationListener;
  /** The HTTP:80 listener, which only redirects to HTTPS. */
  public readonly httpListener: elbv2.ApplicationListener;
  /** The access log bucket. */
  public readonly accessLogBucket: s3.Bucket;
  /** The load balancer's security group: 80 and 443 in from anywhere, out to targets only. */
  public readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: PublicLoadBalancerProps) {
    super(scope, id);
    const name = qualifiedName(this, props.projectName, props.environmentName);
    const idleSeconds = (props.idleTimeout ?? Duration.seconds(60)).toSeconds({ integral: false });
    assertIntegerInRange(this, 'idleTimeout', idleSeconds, 1, 4000);
    const accessLogDays = (props.accessLogExpiry ?? Duration.days(90)).toDays({ integral: false });
    assertIntegerInRange(this, 'accessLogExpiry', accessLogDays, 1, 3650);
    const account = Stack.of(this).account;
    if (Token.isUnresolved(account)) {
      throw invalidProp(this, 'env', 'the stack has no explicit account, which the access log bucket name contains',
        'Give the stack an env with an account id.');
    }
    if (name.length > 32) {
      throw invalidProp(this, 'projectName', `'${name}' is ${name.length} characters; a load balancer name is at most 32`,
        'Shorten the project or environment name.');
    }

    this.accessLogBucket = new s3.Bucket(this, 'AccessLogBucket', {
      bucketName: `glimpse-${name}-alb-logs-${account}`,
      // ALB access logs can only be delivered to SSE-S3 buckets; a KMS-encrypted bucket silently receives no logs.
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: props.accessLogRemovalPolicy ?? RemovalPolicy.RETAIN,
      lifecycleRules: [{
        id: 'ExpireAccessLogs',
        expiration: Duration.days(accessLogDays),
        // Expiry leaves the logs as noncurrent versions; without this they would be kept forever.
        noncurrentVersionExpiration: Duration.days(30),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      }],
    });
    this.acknowledgeLogBucket();

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `${name} public load balancer`,
      allowAllOutbound: false,
    });
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      loadBalancerName: name,
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: this.securityGroup,
      dropInvalidHeaderFields: true,
      deletionProtection: props.deletionProtection ?? true,
      idleTimeout: Duration.seconds(idleSeconds),
      desyncMitigationMode: elbv2.DesyncMitigationMode.DEFENSIVE,
    });
    this.loadBalancer.logAccessLogs(this.accessLogBucket, 'alb');

    this.httpListener = this.loadBalancer.addListener('Http', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
    });
    this.httpsListener = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [props.certificate],
      sslPolicy: props.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS,
      defaultAction: props.defaultAction,
    });
    acknowledge(this.httpListener, hipaaAndNist('ELBv2ACMCertificateRequired'),
      'The HTTP listener serves no content: it only answers with a permanent redirect to the HTTPS listener.');
    acknowledge(this.securityGroup, ['AwsSolutions-EC23', ...hipaaAndNist('EC2RestrictedCommonPorts')],
      'An internet-facing load balancer accepts HTTP (redirected) and HTTPS from anyone; WAF filters the requests.');

    props.webAcl?.associate(`${id}WebAclAssociation`, this.loadBalancer);
  }

  /** Forwards requests no listener rule matches to `targetGroup`, e.g. the frontend's. */
  public forwardByDefault(targetGroup: elbv2.IApplicationTargetGroup): void {
    this.httpsListener.addAction('Default', { action: elbv2.ListenerAction.forward([targetGroup]) });
  }

  /** The access log bucket is a log destination itself: its own logs, replication and KMS do not apply. */
  private acknowledgeLogBucket(): void {
    const bucket = this.accessLogBucket.node.defaultChild!;
    acknowledge(bucket, ['AwsSolutions-S1', ...hipaaAndNist('S3BucketLoggingEnabled')],
      'This bucket receives access logs; logging its own access would need another bucket, and so on.');
    acknowledge(bucket, hipaaAndNist('S3BucketReplicationEnabled'),
      'Access logs of one load balancer expire after 90 days; a replica would double cost for no recovery need.');
    acknowledge(bucket, hipaaAndNist('S3DefaultEncryptionKMS'),
      'ALB access logs can only be delivered to SSE-S3 (AES-256) buckets; SSE-KMS is not supported.');
  }
}
