import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { PublicLoadBalancer, PublicLoadBalancerProps, StandardWebAcl } from '../../src';
import { nagFindings } from '../nag';
import { NAMES, edgePlatform, edgeStack } from './fixtures';
import { resourceCounts } from '../resource-counts';

function build(props: Partial<PublicLoadBalancerProps> = {}, stack: Stack = edgeStack()) {
  const { vpc, key, certificate } = edgePlatform(stack);
  const webAcl = new StandardWebAcl(stack, 'Waf', { ...NAMES, encryptionKey: key });
  const alb = new PublicLoadBalancer(stack, 'Alb', {
    ...NAMES, vpc, certificate, webAcl, defaultAction: elbv2.ListenerAction.fixedResponse(404), ...props,
  });
  return { stack, alb, vpc, get template() { return Template.fromStack(stack); } };
}

describe('PublicLoadBalancer', () => {
  test('internet-facing in the public subnets, invalid headers dropped, deletion protection, access logs', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Name: 'tracker-restapi-staging',
      Scheme: 'internet-facing',
      Type: 'application',
      Subnets: ['subnet-11111111', 'subnet-22222222'],
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('^AlbAccessLogBucket') } },
        { Key: 'access_logs.s3.prefix', Value: 'alb' },
      ]),
    });
  });

  test('access log bucket: named per account, SSE-S3, versioned, private, TLS only, 90-day expiry, 7-day multipart abort, retained', () => {
    const { template } = build();
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketName: 'glimpse-tracker-restapi-staging-alb-logs-111111111111',
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LifecycleConfiguration: {
          Rules: [Match.objectLike({
            ExpirationInDays: 90,
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            Status: 'Enabled',
          })],
        },
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Action: 's3:PutObject' }),
        ]),
      },
    });
  });

  test('HTTP:80 answers with a permanent redirect to HTTPS:443', () => {
    build().template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
    });
  });

  test('HTTPS:443 with the certificate and a TLS 1.3/1.2 policy', () => {
    build().template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: 'arn:aws:acm:eu-west-2:111111111111:certificate/0123-4567' }],
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    });
  });

  test('security group: 80 and 443 in from anywhere, no egress until targets are added', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'tracker-restapi-staging public load balancer',
      SecurityGroupIngress: [
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 80, ToPort: 80 }),
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443 }),
      ],
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32' })],
    });
  });

  test('the web ACL is associated', () => {
    build().template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: Match.stringLikeRegexp('^AlbLoadBalancer') },
    });
  });

  test('forwardByDefault() makes a target group the HTTPS default action', () => {
    const { stack, alb, vpc } = build({ defaultAction: undefined });
    const frontend = new elbv2.ApplicationTargetGroup(stack, 'Frontend', { vpc, port: 80, targetType: elbv2.TargetType.IP });
    alb.forwardByDefault(frontend);
    Template.fromStack(stack).hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('^Frontend') } }],
    });
  });

  test('targets open the load balancer egress to their port only', () => {
    const { stack, alb, vpc } = build();
    const tasks = new ec2.SecurityGroup(stack, 'Tasks', { vpc, allowAllOutbound: false });
    alb.loadBalancer.connections.allowTo(tasks, ec2.Port.tcp(8000));
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupEgress', { FromPort: 8000, ToPort: 8000 });
  });

  test('rejects a stack without an account', () => {
    const stack = new Stack(new App(), 'Agnostic');
    expect(() => build({}, stack)).toThrow(/invalid `env`: the stack has no explicit account/);
  });

  test('rejects a name longer than a load balancer allows', () => {
    expect(() => build({ projectName: 'a-very-long-project-name-indeed' })).toThrow(/is 39 characters; a load balancer name is at most 32/);
  });

  test('rejects an idle timeout outside 1 to 4000 seconds', () => {
    expect(() => build({ idleTimeout: Duration.seconds(0) })).toThrow(/invalid `idleTimeout`: got 0/);
  });

  test('rejects an access log expiry outside 1 to 3650 days', () => {
    expect(() => build({ accessLogExpiry: Duration.hours(36) })).toThrow(/invalid `accessLogExpiry`: got 1.5/);
  });

  test('cdk-nag clean', () => {
    expect(nagFindings((stack) => { build({}, stack); })).toEqual([]);
  });

  test('creates the load balancer, its listeners, security group, log bucket and web ACL, nothing else', () => {
    expect(resourceCounts(build().template)).toEqual({
      'AWS::EC2::SecurityGroup': 1,
      'AWS::ElasticLoadBalancingV2::Listener': 2,
      'AWS::ElasticLoadBalancingV2::LoadBalancer': 1,
      'AWS::KMS::Key': 1,
      'AWS::Logs::LogGroup': 1,
      'AWS::S3::Bucket': 1,
      'AWS::S3::BucketPolicy': 1,
      'AWS::WAFv2::LoggingConfiguration': 1,
      'AWS::WAFv2::WebACL': 1,
      'AWS::WAFv2::WebACLAssociation': 1,
    });
  });
});
