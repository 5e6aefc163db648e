import { Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AMI, bootstrapConfig, build, hostStatements, setup } from './data-host-fixture';
import { TimescaleDataHost, TimescaleDataHostProps } from '../../src';
import { nagFindings } from '../nag';

describe('TimescaleDataHost', () => {
  const { template, host } = build();

  test('pinned AMI, t3.medium, IMDSv2 with hop limit 2, monitoring, termination protection, private subnet', () => {
    template.hasResourceProperties('AWS::EC2::Instance', {
      ImageId: AMI,
      InstanceType: 't3.medium',
      MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled' },
      Monitoring: true,
      DisableApiTermination: true,
      // A private subnet: no public address (the subnet at the top level is what cdk-nag's EC2InstancesInVPC reads).
      SubnetId: 'subnet-11111111',
      NetworkInterfaces: Match.absent(),
      KeyName: Match.absent(),
    });
  });

  test('termination protection can be turned off for throwaway stacks', () => {
    build({ terminationProtection: false }).template.hasResourceProperties('AWS::EC2::Instance', { DisableApiTermination: false });
  });

  test('encrypted gp3 root volume', () => {
    template.hasResourceProperties('AWS::EC2::Instance', {
      BlockDeviceMappings: [{
        DeviceName: '/dev/xvda',
        Ebs: { Encrypted: true, VolumeType: 'gp3', VolumeSize: 20, DeleteOnTermination: true, KmsKeyId: Match.anyValue() },
      }],
    });
  });

  test('data on a separate encrypted gp3 volume, snapshotted on removal, attached at /dev/sdf', () => {
    template.hasResource('AWS::EC2::Volume', {
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
      Properties: Match.objectLike({
        AvailabilityZone: 'eu-west-2a',
        Size: 50,
        VolumeType: 'gp3',
        Iops: 3000,
        Throughput: 125,
        Encrypted: true,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      }),
    });
    template.hasResourceProperties('AWS::EC2::VolumeAttachment', {
      Device: '/dev/sdf',
      InstanceId: { Ref: Match.stringLikeRegexp('^DataHostInstance') },
      VolumeId: { Ref: Match.stringLikeRegexp('^DataHostDataVolume') },
    });
  });

  test('data volume size, IOPS, throughput and removal policy are configurable', () => {
    build({
      dataVolumeSize: Size.gibibytes(100), dataVolumeIops: 6000, dataVolumeThroughput: 500, dataVolumeRemovalPolicy: RemovalPolicy.RETAIN,
    }).template.hasResource('AWS::EC2::Volume', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ Size: 100, Iops: 6000, Throughput: 500 }),
    });
  });

  test('user data only fetches the configuration and the script: a change never replaces the instance', () => {
    const instance = Object.values(template.findResources('AWS::EC2::Instance'))[0];
    const userData = JSON.stringify(instance.Properties.UserData);
    expect(userData).toContain('aws ssm get-parameter');
    expect(userData).toContain('/usr/local/sbin/data-host-bootstrap /etc/data-host/config');
    expect(userData).not.toMatch(/assets|\.sh/);
    // userDataCausesReplacement: false leaves the logical id free of a user data hash.
    expect(Object.keys(template.findResources('AWS::EC2::Instance'))).toEqual([expect.stringMatching(/^DataHostInstance[0-9A-F]{8}$/)]);
    expect(host.bootstrapCommands.join('\n')).toContain('aws s3 cp');
  });

  test('the configuration parameter carries the settings and secret ARNs, never secret values', () => {
    const value = bootstrapConfig(template);
    for (const setting of ['PG_VERSION=16', 'PG_MAX_CONNECTIONS=100', 'PG_CLIENT_CIDRS=10.40.0.0/24', 'APP_USER=tracker',
      'APP_DATABASE=tracker', 'VALKEY_PORT=6379', 'DATA_DEVICE_NAME=/dev/sdf', 'PG_DATA_ROOT=/var/lib/postgresql', 'BOOTSTRAP_SCRIPT_URL=s3://']) {
      expect(value).toContain(setting);
    }
    expect(value).toMatch(/SUPERUSER_SECRET_ID=.*\{"Ref":"DataHostSuperuserSecret/);
  });

  test('secrets are generated (letters and digits), KMS-encrypted and retained; no secret literal in the template', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 3);
    for (const username of ['postgres', 'tracker', 'default']) {
      template.hasResource('AWS::SecretsManager::Secret', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          KmsKeyId: Match.anyValue(),
          GenerateSecretString: {
            SecretStringTemplate: JSON.stringify({ username }),
            GenerateStringKey: 'password',
            PasswordLength: 32,
            ExcludePunctuation: true,
          },
        }),
      });
    }
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toMatch(/"SecretString"|password\s*[=:]\s*\\?"[A-Za-z0-9]/i);
  });

  test('a CreationPolicy waits for the bootstrap signal after the data volume is attached', () => {
    const conditions = template.findResources('AWS::CloudFormation::WaitCondition');
    const [logicalId, condition] = Object.entries(conditions)[0];
    expect(condition.CreationPolicy).toEqual({ ResourceSignal: { Count: 1, Timeout: 'PT30M' } });
    expect(condition.DependsOn).toEqual([expect.stringMatching(/^DataHostDataVolumeAttachment/)]);
    expect(bootstrapConfig(template)).toContain(`SIGNAL_RESOURCE=${logicalId}`);
  });

  test('least privilege: exactly the secrets, the parameter, the script object, the signal, the log group and namespaced metrics', () => {
    const statements = hostStatements(template);
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: { Ref: expect.stringMatching(/^DataHostSuperuserSecret/) },
      }),
      expect.objectContaining({
        Action: 'ssm:GetParameter',
        Resource: [
          expect.objectContaining({ 'Fn::Join': expect.arrayContaining([expect.arrayContaining([{ Ref: expect.stringMatching(/^DataHostBootstrapConfig/) }])]) }),
          expect.objectContaining({ 'Fn::Join': expect.arrayContaining([expect.arrayContaining([{ Ref: expect.stringMatching(/^DataHostInitMarker/) }])]) }),
          expect.objectContaining({ 'Fn::Join': expect.arrayContaining([expect.arrayContaining([{ Ref: expect.stringMatching(/^DataHostCaCertificate/) }])]) }),
        ],
      }),
      // The bootstrap writes only its two state parameters, never its configuration.
      expect.objectContaining({
        Action: 'ssm:PutParameter',
        Resource: [
          expect.objectContaining({ 'Fn::Join': expect.arrayContaining([expect.arrayContaining([{ Ref: expect.stringMatching(/^DataHostInitMarker/) }])]) }),
          expect.objectContaining({ 'Fn::Join': expect.arrayContaining([expect.arrayContaining([{ Ref: expect.stringMatching(/^DataHostCaCertificate/) }])]) }),
        ],
      }),
      expect.objectContaining({ Action: 's3:GetObject', Resource: expect.objectContaining({ 'Fn::Join': expect.anything() }) }),
      expect.objectContaining({ Action: 'cloudformation:SignalResource', Resource: { Ref: 'AWS::StackId' } }),
      expect.objectContaining({
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^DataHostPostgresLog/), 'Arn'] },
      }),
      expect.objectContaining({
        Action: 'cloudwatch:PutMetricData', Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': 'CWAgent' } },
      }),
    ]));
    // Decrypting the secrets: that key only, through Secrets Manager only (a key in the same stack says so in its policy).
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([{
          Action: 'kms:Decrypt',
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataHostRole'), 'Arn'] } },
          Resource: '*',
          Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-2.amazonaws.com' } },
        }]),
      },
    });
    // Besides SSE-KMS for the pgBackRest repository, through S3 only (continuous-archive.test.ts).
    expect(statements.filter((s) => JSON.stringify(s.Action).includes('kms:') && !JSON.stringify(s.Condition).includes('"s3.'))).toEqual([]);
    const secretReads = statements.filter((s) => JSON.stringify(s.Action).includes('secretsmanager:'));
    expect(secretReads).toHaveLength(3);
    // The only wildcard resource is PutMetricData's, which has no resource-level permissions.
    expect(statements.filter((s) => s.Resource === '*').map((s) => s.Action)).toEqual(['cloudwatch:PutMetricData']);
    template.hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: Match.arrayWith([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSSMManagedInstanceCore']] }]),
    });
  });

  test('security group: PostgreSQL and Valkey from allowed peers only; HTTPS and HTTP out', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('data host'),
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }),
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 80, ToPort: 80, IpProtocol: 'tcp' }),
      ],
    });
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
    expect(ingress.map((r) => r.FromPort).sort()).toEqual([5432, 6379]);
    for (const rule of ingress) {
      expect(rule.SourceSecurityGroupId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Client/), 'GroupId'] });
    }
    expect(host.connections.defaultPort?.toString()).toBe('5432');
  });

  test('connections.allowDefaultPortFrom opens PostgreSQL only', () => {
    const { stack, host: other, client } = build({}, false);
    other.connections.allowDefaultPortFrom(client);
    const ingress = Object.values(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroupIngress'));
    expect(ingress.map((r) => r.Properties.FromPort)).toEqual([5432]);
  });

  test('daily AWS Backup snapshots of the data volume with the retention', () => {
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [Match.objectLike({
          RuleName: 'DailyDataVolume', ScheduleExpression: 'cron(0 3 * * ? *)', Lifecycle: { DeleteAfterDays: 14 },
        })],
      },
    });
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Resources: [{
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:eu-west-2:111111111111:volume/', { Ref: Match.stringLikeRegexp('^DataHostDataVolume') }]],
        }],
      }),
    });
    build({ backupRetention: Duration.days(35) }).template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: { BackupPlanRule: [Match.objectLike({ Lifecycle: { DeleteAfterDays: 35 } })] },
    });
  });

  test('system status check alarm recovers the instance', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'StatusCheckFailed_System',
      Namespace: 'AWS/EC2',
      Dimensions: [{ Name: 'InstanceId', Value: { Ref: Match.stringLikeRegexp('^DataHostInstance') } }],
      AlarmActions: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':automate:eu-west-2:ec2:recover']] }],
    });
  });

  test('PostgreSQL log group: KMS-encrypted, retained, named for the project key\'s log group patterns', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: {
        LogGroupName: '/aws/ec2/tracker-restapi-staging/data-host/postgresql',
        KmsKeyId: Match.anyValue(),
        RetentionInDays: 90,
      },
    });
  });

  test('implements IMonitoredHost and hands out DataStoreEndpoints', () => {
    expect(host.monitoredMountPaths).toEqual(['/', '/var/lib/postgresql']);
    expect(host.agentMetricsNamespace).toBe('CWAgent');
    expect(host.instanceType.toString()).toBe('t3.medium');
    const stack = Stack.of(host);
    const endpoints = host.dataStoreEndpoints();
    expect(stack.resolve(endpoints.postgresHost)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DataHostInstance/), 'PrivateDnsName'] });
    expect(endpoints).toMatchObject({
      postgresPort: 5432,
      postgresUser: 'tracker',
      postgresDatabase: 'tracker',
      postgresPasswordField: 'password',
      redisPort: 6379,
      redisPasswordField: 'password',
      postgresSslMode: 'verify-full',
      redisTls: true,
      redisClusterMode: false,
    });
    expect(endpoints.postgresCaCertificate).toBe(host.caCertificate);
    expect(endpoints.postgresPassword).toBe(host.applicationSecret);
    expect(endpoints.redisPassword).toBe(host.valkeySecret);
    expect(endpoints.redisHost).toBe(endpoints.postgresHost);
  });

  describe('PostgreSQL connections metric (published by the bootstrap\'s timer)', () => {
    /** The alarm a metric makes, as CloudFormation sees it. */
    function alarmOn(metric: (h: TimescaleDataHost) => cloudwatch.IMetric, props: Partial<TimescaleDataHostProps> = {}): Record<string, unknown> {
      const built = build(props);
      new cloudwatch.Alarm(built.stack, 'ConnectionsAlarm', { metric: metric(built.host), threshold: 1, evaluationPeriods: 1 });
      const alarms = Object.values(built.template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'postgresql_connections' } }));
      expect(alarms).toHaveLength(1);
      return alarms[0].Properties;
    }

    test('metricConnections: postgresql_connections by InstanceId in the agent namespace, maximum over a minute', () => {
      expect(alarmOn((h) => h.metricConnections())).toMatchObject({
        Namespace: 'CWAgent',
        MetricName: 'postgresql_connections',
        Dimensions: [{ Name: 'InstanceId', Value: { Ref: expect.stringMatching(/^DataHostInstance[0-9A-F]{8}$/) } }],
        Statistic: 'Maximum',
        Period: 60,
      });
    });

    test('options override the defaults; the namespace follows agentMetricsNamespace, which the role may put into', () => {
      expect(alarmOn((h) => h.metricConnections({ period: Duration.minutes(5), statistic: 'Average' }))).toMatchObject({ Period: 300, Statistic: 'Average' });
      const built = build({ agentMetricsNamespace: 'Glimpse/DataHost' });
      new cloudwatch.Alarm(built.stack, 'ConnectionsAlarm', { metric: built.host.metricConnections(), threshold: 1, evaluationPeriods: 1 });
      built.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'Glimpse/DataHost', MetricName: 'postgresql_connections' });
      expect(hostStatements(built.template)).toEqual(expect.arrayContaining([expect.objectContaining({
        Action: 'cloudwatch:PutMetricData', Condition: { StringEquals: { 'cloudwatch:namespace': 'Glimpse/DataHost' } },
      })]));
    });

    test('IMonitoredHost: postgresConnectionsMetric is that metric, postgresMaxConnections the max_connections', () => {
      expect(alarmOn((h) => h.postgresConnectionsMetric!)).toMatchObject({ Namespace: 'CWAgent', Statistic: 'Maximum', Period: 60 });
      expect([host.maxConnections, host.postgresMaxConnections]).toEqual([100, 100]);
      const other = build({ maxConnections: 300 }).host;
      expect([other.maxConnections, other.postgresMaxConnections]).toEqual([300, 300]);
    });

    test('the host creates no connections alarm itself (StandardAlarms does)', () => {
      expect(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'postgresql_connections' } })).toEqual({});
    });
  });

  test('application role and database, PostgreSQL version, connections and client ranges are props', () => {
    const value = bootstrapConfig(build({
      applicationUser: 'app', applicationDatabase: 'appdb', postgresVersion: 17, maxConnections: 300, clientCidrs: ['10.1.0.0/16', '10.2.0.0/16'],
    }).template);
    for (const setting of ['APP_USER=app', 'APP_DATABASE=appdb', 'PG_VERSION=17', 'PG_MAX_CONNECTIONS=300', 'PG_CLIENT_CIDRS=10.1.0.0/16,10.2.0.0/16']) {
      expect(value).toContain(setting);
    }
  });

  test('cdk-nag: no findings for a realistic default', () => {
    expect(nagFindings((stack) => { setup(stack); })).toEqual([]);
  });
});

