import { Match } from 'aws-cdk-lib/assertions';
import { container, logicalId, resources, synthEnvironments, taskDefinition } from './synth';
import { STAGING } from '../src/config';

/**
 * The legacy Terraform staging deployment (docs/architecture.md), module by module: every
 * resource and setting is present in TrackerStaging, or the test names the
 * deliberate difference and asserts what replaces it.
 */
const { stagingTemplate: t } = synthEnvironments();
const PREFIX = 'tracker-restapi-staging';
const SHA = STAGING.imageTags.api;

describe('legacy module 1: kms', () => {
  test('one CMK, yearly rotation, 7-day deletion window, alias/<project>-<env>', () => {
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, PendingWindowInDays: 7 });
    t.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/${PREFIX}` });
  });

  test('key policy: the account root has full access (difference: the services that use the key are allowed too)', () => {
    const statements = Object.values(resources(t, 'AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement as Array<Record<string, any>>;
    expect(statements[0]).toMatchObject({
      Action: 'kms:*',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${STAGING.account}:root`]] } },
    });
    // The app encrypts log groups with this key, so CloudWatch Logs must be able to use it.
    const logsPrincipal = JSON.stringify(statements.filter((s) => JSON.stringify(s.Principal ?? {}).includes('logs.')));
    expect(logsPrincipal).toContain('kms:Encrypt');
  });

  test('every encrypted resource uses the project key', () => {
    const key = { 'Fn::GetAtt': [logicalId(t, '/ProjectKey/Key/Resource'), 'Arn'] };
    for (const group of Object.values(resources(t, 'AWS::Logs::LogGroup'))) expect(group.Properties.KmsKeyId).toEqual(key);
    for (const secret of Object.values(resources(t, 'AWS::SecretsManager::Secret'))) expect(secret.Properties.KmsKeyId).toEqual(key);
    t.hasResourceProperties('AWS::EC2::Volume', { Encrypted: true, KmsKeyId: key });
  });
});

describe('legacy module 2: network', () => {
  test('VPC 10.40.0.0/24 with DNS hostnames and support', () => {
    t.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.40.0.0/24', EnableDnsHostnames: true, EnableDnsSupport: true });
  });

  test('four /26 subnets over two AZs, public .0 .64, private .128 .192, no public IP on launch', () => {
    const subnets = Object.values(resources(t, 'AWS::EC2::Subnet')).map((s) => [s.Properties.CidrBlock, s.Properties.AvailabilityZone, s.Properties.MapPublicIpOnLaunch]);
    expect(subnets).toEqual([
      ['10.40.0.0/26', 'eu-west-2a', false], ['10.40.0.64/26', 'eu-west-2b', false],
      ['10.40.0.128/26', 'eu-west-2a', false], ['10.40.0.192/26', 'eu-west-2b', false],
    ]);
  });

  test('internet gateway, one EIP + NAT gateway in the first public subnet', () => {
    t.resourceCountIs('AWS::EC2::InternetGateway', 1);
    t.resourceCountIs('AWS::EC2::EIP', 1);
    t.resourceCountIs('AWS::EC2::NatGateway', 1);
    t.hasResourceProperties('AWS::EC2::NatGateway', { SubnetId: { Ref: logicalId(t, '/Network/Vpc/PublicSubnet1/Subnet') } });
  });

  test('public 0.0.0.0/0 → IGW, private 0.0.0.0/0 → NAT', () => {
    const routes = Object.values(resources(t, 'AWS::EC2::Route')).map((r) => r.Properties);
    expect(routes.filter((r) => r.GatewayId && r.DestinationCidrBlock === '0.0.0.0/0')).toHaveLength(2);
    expect(routes.filter((r) => r.NatGatewayId && r.DestinationCidrBlock === '0.0.0.0/0')).toHaveLength(2);
  });

  test('default security group locked down: all rules removed', () => {
    t.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });

  test('flow logs: ALL traffic to /aws/vpc/<prefix>-flow-logs, 365 days, KMS; role scoped to that log group', () => {
    t.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `/aws/vpc/${PREFIX}-flow-logs`, RetentionInDays: 365 });
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: Match.arrayWith(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams']),
          Resource: { 'Fn::GetAtt': [logicalId(t, '/Network/FlowLogGroup/Resource'), 'Arn'] },
        })]),
      },
    });
  });

  test('difference: an S3 gateway endpoint (free) keeps image layer downloads off the NAT gateway', () => {
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' });
  });
});

describe('legacy module 3: security groups', () => {
  const sg = (path: string) => ({ 'Fn::GetAtt': [logicalId(t, path), 'GroupId'] });
  const alb = sg('/Edge/SecurityGroup/Resource');
  const ingress = Object.values(resources(t, 'AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
  const egress = Object.values(resources(t, 'AWS::EC2::SecurityGroupEgress')).map((r) => r.Properties);

  test('ALB: 80 and 443 in from 0.0.0.0/0', () => {
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: `${PREFIX} public load balancer`,
      SecurityGroupIngress: [
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 80, ToPort: 80 }),
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443 }),
      ],
    });
  });

  test.each([['Api', 8000], ['Frontend', 80], ['Admin', 80]])('ALB → %s on %d only, both directions (difference: one group per service, not one shared ECS group)', (service, port) => {
    const tasks = sg(`/${service}/SecurityGroup/Resource`);
    expect(egress).toContainEqual(expect.objectContaining({ GroupId: alb, DestinationSecurityGroupId: tasks, FromPort: port, ToPort: port }));
    expect(ingress.filter((r) => JSON.stringify(r.GroupId) === JSON.stringify(tasks)))
      .toEqual([expect.objectContaining({ SourceSecurityGroupId: alb, FromPort: port, ToPort: port })]);
  });

  test('database 5432 and cache 6379 only from the services that use them (difference: one group, as both run on one host)', () => {
    const db = sg('/DataHost/SecurityGroup/Resource');
    const sources = ingress.filter((r) => JSON.stringify(r.GroupId) === JSON.stringify(db));
    const clients = ['Api', 'TrackerWorker', 'TrackerFetcher2'].map((s) => sg(`/${s}/SecurityGroup/Resource`));
    expect(sources.map((r) => [r.SourceSecurityGroupId, r.FromPort])).toEqual(expect.arrayContaining(
      clients.flatMap((c) => [[c, 5432], [c, 6379]])));
    expect(sources).toHaveLength(clients.length * 2);
    for (const client of clients) {
      expect(egress).toContainEqual(expect.objectContaining({ GroupId: client, DestinationSecurityGroupId: db, FromPort: 5432 }));
      expect(egress).toContainEqual(expect.objectContaining({ GroupId: client, DestinationSecurityGroupId: db, FromPort: 6379 }));
    }
  });

  test('frontend and admin cannot reach the database', () => {
    const db = JSON.stringify(sg('/DataHost/SecurityGroup/Resource'));
    for (const service of ['Frontend', 'Admin']) {
      const from = JSON.stringify(sg(`/${service}/SecurityGroup/Resource`));
      expect(ingress.filter((r) => JSON.stringify(r.GroupId) === db && JSON.stringify(r.SourceSecurityGroupId) === from)).toEqual([]);
    }
  });
});

describe('legacy module 4: ecr', () => {
  test.each(['api', 'frontend', 'admin', 'anisette'])('difference: %s comes from tracker/<app> in the shared registry, pinned to a git SHA (repositories live in apps/shared-registry)', (app) => {
    t.resourceCountIs('AWS::ECR::Repository', 0);
    expect(container(t, app).Image).toEqual({
      'Fn::Join': ['', ['636728427214.dkr.ecr.eu-west-2.', { Ref: 'AWS::URLSuffix' }, `/tracker/${app}:${SHA}`]],
    });
  });
});

describe('legacy module 5: acm', () => {
  test('certificate for the public hostname with DNS validation', () => {
    t.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'tracker.staging.glimpse.technology', ValidationMethod: 'DNS' });
  });

  test('validation CNAME surfaced as outputs for Cloudflare', () => {
    const outputs = Object.keys(t.findOutputs('*'));
    expect(outputs).toEqual(expect.arrayContaining([expect.stringMatching(/^CertificateValidationRecord1Name/), expect.stringMatching(/^CertificateValidationRecord1Value/)]));
  });
});

describe('legacy module 6: waf', () => {
  test('regional web ACL, default allow, CommonRuleSet 10, KnownBadInputs 20, metrics and samples on (difference: + per-IP rate limit at 5)', () => {
    t.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({ Name: 'RateLimitPerIp', Priority: 5 }),
        Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet', Priority: 10, VisibilityConfig: Match.objectLike({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true }) }),
        Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet', Priority: 20, VisibilityConfig: Match.objectLike({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true }) }),
      ],
    });
  });

  test('attached to the ALB; logs for 365 days, KMS (difference: named aws-waf-logs-…, see legacy fault 3)', () => {
    t.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: { Ref: logicalId(t, '/Edge/LoadBalancer/Resource') } });
    t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `aws-waf-logs-${PREFIX}`, RetentionInDays: 365 });
    t.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 1);
  });
});

describe('legacy module 7: alb', () => {
  test('access log bucket glimpse-<project>-<env>-alb-logs-<account>: private, versioned, 90-day expiry, 7-day multipart abort (difference: SSE-S3, legacy fault 4)', () => {
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: `glimpse-${PREFIX}-alb-logs-${STAGING.account}`,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } })] },
    });
  });

  test('bucket policy lets ELB log delivery write under the prefix', () => {
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:PutObject', Effect: 'Allow', Resource: Match.anyValue() })]) },
    });
  });

  test('internet-facing application LB in both public subnets, invalid headers dropped, deletion protection, access logs', () => {
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      Type: 'application',
      Subnets: [{ Ref: logicalId(t, '/Network/Vpc/PublicSubnet1/Subnet') }, { Ref: logicalId(t, '/Network/Vpc/PublicSubnet2/Subnet') }],
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
      ]),
    });
  });

  test('HTTP:80 → 301 HTTPS:443; HTTPS:443 defaults to the frontend', () => {
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80, DefaultActions: [Match.objectLike({ Type: 'redirect', RedirectConfig: Match.objectLike({ Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' }) })],
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443, Protocol: 'HTTPS', DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: logicalId(t, '/Frontend/TargetGroup/Resource') } }],
    });
  });

  test('rule 10: api paths → api; rule 20: /admin*, /health* → admin', () => {
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 10,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*', '/api/v1/*', '/docs', '/redoc', '/openapi.json'] } }],
      Actions: [Match.objectLike({ Type: 'forward', TargetGroupArn: { Ref: logicalId(t, '/Api/TargetGroup/Resource') } })],
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 20,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/admin*', '/health*'] } }],
      Actions: [Match.objectLike({ Type: 'forward', TargetGroupArn: { Ref: logicalId(t, '/Admin/TargetGroup/Resource') } })],
    });
  });

  test.each([['Api', 8000, '/api/v1/health'], ['Frontend', 80, '/'], ['Admin', 80, '/']])('target group %s: ip, port %d, health %s, 2/2, 5 s, 30 s', (service, port, path) => {
    expect(resources(t, 'AWS::ElasticLoadBalancingV2::TargetGroup')[logicalId(t, `/${service}/TargetGroup/Resource`)].Properties).toMatchObject({
      TargetType: 'ip',
      Port: port,
      HealthCheckPath: path,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 2,
      HealthCheckTimeoutSeconds: 5,
      HealthCheckIntervalSeconds: 30,
    });
  });
});

describe('legacy module 8: database', () => {
  const instance = () => Object.values(resources(t, 'AWS::EC2::Instance'))[0].Properties;

  test('one t3.medium in a private subnet, no public IP, IMDSv2 with hop limit 2, detailed monitoring', () => {
    t.resourceCountIs('AWS::EC2::Instance', 1);
    expect(instance()).toMatchObject({
      InstanceType: 't3.medium',
      SubnetId: { Ref: logicalId(t, '/Network/Vpc/PrivateSubnet1/Subnet') },
      MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 2 },
      Monitoring: true,
    });
    expect(JSON.stringify(instance())).not.toContain('AssociatePublicIpAddress":true');
  });

  test('encrypted gp3 storage (difference: 50 GiB data on its own retained volume, see legacy fault 5)', () => {
    expect(instance().BlockDeviceMappings[0].Ebs).toMatchObject({ Encrypted: true, VolumeType: 'gp3' });
    t.hasResourceProperties('AWS::EC2::Volume', { Size: 50, VolumeType: 'gp3', Encrypted: true });
  });

  test('role: SSM managed instance core; reads the postgres and valkey secrets', () => {
    t.hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: Match.arrayWith([Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('AmazonSSMManagedInstanceCore')])] })]),
    });
    const policies = JSON.stringify([...Object.values(resources(t, 'AWS::IAM::Policy')), ...Object.values(resources(t, 'AWS::IAM::ManagedPolicy'))]);
    expect(policies).toContain('secretsmanager:GetSecretValue');
  });

  test('configures PostgreSQL + TimescaleDB + PostGIS and Valkey for the tracker role and database', () => {
    const { staging } = synthEnvironments();
    expect(staging.dataHost!.applicationUser).toBe('tracker');
    expect(staging.dataHost!.applicationDatabase).toBe('tracker');
    expect(container(t, 'api').Environment).toEqual(expect.arrayContaining([
      { Name: 'POSTGRES_USER', Value: 'tracker' }, { Name: 'POSTGRES_DB', Value: 'tracker' },
    ]));
  });
});

describe('legacy module 9: ecs', () => {
  test('cluster with Container Insights', () => {
    t.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: Match.stringLikeRegexp('enabled|enhanced') }],
    });
  });

  test.each([['api', 512, 1024, 8000], ['frontend', 256, 512, 80], ['admin', 256, 512, 80], ['anisette', 256, 512, 6969]])('%s: %d CPU, %d MiB, port %d', (name, cpu, memory, port) => {
    expect(taskDefinition(t, name)).toMatchObject({ Cpu: String(cpu), Memory: String(memory), RequiresCompatibilities: ['FARGATE'] });
    expect(container(t, name).PortMappings).toEqual([expect.objectContaining({ ContainerPort: port })]);
  });

  test('services: private subnets, no public IP, desired 1 (scaled services: their minimum), rolling 50 % / 200 %', () => {
    const services = Object.values(resources(t, 'AWS::ECS::Service')).map((s) => s.Properties);
    expect(services.map((s) => s.ServiceName).sort()).toEqual(['admin', 'anisette', 'api', 'frontend', 'tracker-fetcher-2', 'tracker-worker']);
    const privateSubnets = [{ Ref: logicalId(t, '/Network/Vpc/PrivateSubnet1/Subnet') }, { Ref: logicalId(t, '/Network/Vpc/PrivateSubnet2/Subnet') }];
    for (const s of services) {
      expect(s).toMatchObject({
        DesiredCount: 1,
        NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED', Subnets: privateSubnets, SecurityGroups: expect.anything() } },
      });
      expect(s.DeploymentConfiguration).toMatchObject({ MinimumHealthyPercent: 50, MaximumPercent: 200 });
    }
  });

  test('difference: each service has its own execution and task role', () => {
    const roles = Object.values(resources(t, 'AWS::ECS::TaskDefinition')).map((td) => JSON.stringify([td.Properties.ExecutionRoleArn, td.Properties.TaskRoleArn]));
    expect(new Set(roles).size).toBe(6);
  });

  test('TaskiQ workers (difference: the tracker/services image, as the legacy deployment runs) with a command override; only tracker-fetcher-2 mounts /data and gets ANISETTE_SERVER', () => {
    for (const worker of STAGING.workers) {
      const c = container(t, worker.name);
      expect(c.Image).toEqual({
        'Fn::Join': ['', ['636728427214.dkr.ecr.eu-west-2.', { Ref: 'AWS::URLSuffix' }, `/tracker/services:${STAGING.imageTags.services}`]],
      });
      expect(c.Command).toEqual(worker.command);
      const names = (c.Environment as Array<{ Name: string }>).map((e) => e.Name);
      expect(names.includes('ANISETTE_SERVER')).toBe(worker.needsData === true);
      expect((c.MountPoints ?? []).map((m: { ContainerPath: string }) => m.ContainerPath)).toEqual(worker.needsData ? ['/data'] : []);
    }
  });

  test('anisette: private, anisette-v3.anisette-v3.local, /data on EFS, 6969 only from its callers', () => {
    t.hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: 'anisette-v3.local' });
    t.hasResourceProperties('AWS::ServiceDiscovery::Service', { Name: 'anisette-v3' });
    expect(container(t, 'anisette').MountPoints).toEqual([expect.objectContaining({ ContainerPath: '/data' })]);
    t.hasResourceProperties('AWS::EFS::FileSystem', { Encrypted: true });
    const anisette = JSON.stringify({ 'Fn::GetAtt': [logicalId(t, '/Anisette/SecurityGroup/Resource'), 'GroupId'] });
    const rules = Object.values(resources(t, 'AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties).filter((r) => JSON.stringify(r.GroupId) === anisette);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule).toMatchObject({ FromPort: 6969, ToPort: 6969, SourceSecurityGroupId: expect.anything() });
    t.resourcePropertiesCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 6969 }, 0);
  });

  test('api environment: data stores, Redis databases 0-3, anisette server', () => {
    const env = Object.fromEntries((container(t, 'api').Environment as Array<{ Name: string; Value: unknown }>).map((e) => [e.Name, e.Value]));
    expect(env).toMatchObject({
      POSTGRES_USER: 'tracker',
      POSTGRES_DB: 'tracker',
      POSTGRES_PORT: '5432',
      REDIS_PORT: '6379',
      REDIS_CLUSTER_MODE: 'false',
      REDIS_TLS_ENABLED: 'true', // the data host serves Valkey over TLS only
      REDIS_CACHE_TTL: '3600',
      REDIS_CACHE_DB: '0',
      REDIS_TASKS_DB: '1',
      REDIS_HEALTH_DB: '2',
      REDIS_NOTIFICATIONS_DB: '3',
      ANISETTE_SERVER: 'http://anisette-v3.anisette-v3.local:6969',
    });
    // Both on the data host instance (which of its address attributes is the library's choice).
    expect(env.POSTGRES_SERVER).toEqual(env.REDIS_HOST);
    expect((env.POSTGRES_SERVER as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]).toBe(Object.keys(resources(t, 'AWS::EC2::Instance'))[0]);
  });

  test('api secrets from Secrets Manager, not environment variables', () => {
    const c = container(t, 'api');
    expect((c.Secrets as Array<{ Name: string }>).map((s) => s.Name).sort()).toEqual(['POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'SECRET_KEY']);
    expect(JSON.stringify(c.Environment)).not.toMatch(/PASSWORD|SECRET_KEY/);
  });
});

describe('legacy module 10: logs', () => {
  test.each(['api', 'frontend', 'admin', 'anisette'])('/aws/ecs/<project>-<env>/%s: KMS, 90 days, awslogs driver', (name) => {
    t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `/aws/ecs/${PREFIX}/${name}`, RetentionInDays: 90, KmsKeyId: Match.anyValue() });
    expect(container(t, name).LogConfiguration.LogDriver).toBe('awslogs');
  });
});

describe('legacy module 11: secrets', () => {
  test('three application secrets (postgres, secret key, valkey), generated, KMS-encrypted (difference: + the PostgreSQL superuser)', () => {
    const secrets = Object.values(resources(t, 'AWS::SecretsManager::Secret'));
    expect(secrets.length).toBe(4);
    for (const s of secrets) {
      expect(s.Properties.GenerateSecretString).toBeDefined();
      expect(s.Properties.KmsKeyId).toBeDefined();
    }
    const api = container(t, 'api').Secrets as Array<{ Name: string; ValueFrom: unknown }>;
    const ids = api.map((s) => JSON.stringify(s.ValueFrom));
    expect(new Set(ids).size).toBe(3);
  });
});

describe('legacy module 12: memorydb (present in Terraform, not used in staging)', () => {
  test('no MemoryDB or ElastiCache: Valkey runs on the data host', () => {
    expect(Object.keys(t.toJSON().Resources).filter((id) => /MemoryDB|ElastiCache/.test(t.toJSON().Resources[id].Type))).toEqual([]);
  });
});

describe('legacy deployment: tags', () => {
  test('every resource tagged with project, environment and manager (difference: ManagedBy aws-cdk, plus Version and Repository)', () => {
    t.hasResourceProperties('AWS::EC2::VPC', {
      Tags: Match.arrayWith([
        { Key: 'Application', Value: 'tracker-restapi' },
        { Key: 'Environment', Value: 'staging' },
        { Key: 'ManagedBy', Value: 'aws-cdk' },
      ]),
    });
  });
});
