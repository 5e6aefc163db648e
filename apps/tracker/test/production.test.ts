import { Match } from 'aws-cdk-lib/assertions';
import { container, logicalId, resources, synthEnvironments } from './synth';
import { PRODUCTION } from '../src/config';

const { productionTemplate: t, production } = synthEnvironments();
const existing = PRODUCTION.existingDataStores!;

describe('TrackerProduction', () => {
  test('its own account, region and VPC', () => {
    expect(production.account).toBe(PRODUCTION.account);
    expect(production.region).toBe('eu-west-2');
    expect(production.stackName).toBe('TrackerProduction');
    t.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: PRODUCTION.vpcCidr });
  });

  test('no data host: the existing cluster and Valkey are used', () => {
    t.resourceCountIs('AWS::EC2::Instance', 0);
    t.resourceCountIs('AWS::EC2::Volume', 0);
    const env = Object.fromEntries((container(t, 'api').Environment as Array<{ Name: string; Value: unknown }>).map((e) => [e.Name, e.Value]));
    expect(env).toMatchObject({ POSTGRES_SERVER: existing.postgresHost, REDIS_HOST: existing.redisHost, REDIS_TLS_ENABLED: 'true' });
  });

  test('peered with the existing production VPC', () => {
    t.hasResourceProperties('AWS::EC2::VPCPeeringConnection', {
      PeerVpcId: existing.peerVpcId,
      PeerOwnerId: existing.peerOwnerAccount,
      VpcId: { Ref: logicalId(t, '/Network/Vpc/Resource') },
    });
  });

  test('routes: the peer CIDR only, from the private subnets; return routes to this VPC only', () => {
    const routes = Object.values(resources(t, 'AWS::EC2::Route')).map((r) => r.Properties).filter((r) => r.VpcPeeringConnectionId);
    const privateTables = [1, 2].map((i) => ({ Ref: logicalId(t, `/Network/Vpc/PrivateSubnet${i}/RouteTable`) }));
    expect(routes.filter((r) => r.DestinationCidrBlock === existing.peerCidr).map((r) => r.RouteTableId)).toEqual(privateTables);
    expect(routes.filter((r) => r.DestinationCidrBlock === PRODUCTION.vpcCidr).map((r) => r.RouteTableId)).toEqual(existing.peerRouteTableIds);
    expect(routes).toHaveLength(4);
  });

  test('security groups: PostgreSQL and Valkey egress to the peer CIDR only, from the services that use them', () => {
    const egress = Object.values(resources(t, 'AWS::EC2::SecurityGroupEgress')).map((r) => r.Properties);
    const inline = Object.values(resources(t, 'AWS::EC2::SecurityGroup')).flatMap((g) => (g.Properties.SecurityGroupEgress ?? []) as Array<Record<string, unknown>>);
    const dataRules = [...egress, ...inline].filter((r) => r.FromPort === existing.postgresPort || r.FromPort === existing.redisPort);
    expect(dataRules.length).toBe(3 * 2); // api and the two workers
    for (const rule of dataRules) expect(rule.CidrIp).toBe(existing.peerCidr);
    for (const service of ['Frontend', 'Admin', 'Anisette']) {
      const group = JSON.stringify({ 'Fn::GetAtt': [logicalId(t, `/${service}/SecurityGroup/Resource`), 'GroupId'] });
      expect(egress.filter((r) => JSON.stringify(r.GroupId) === group && r.CidrIp === existing.peerCidr)).toEqual([]);
    }
  });

  test('existing secrets by ARN: none created, each read by the execution roles', () => {
    t.resourceCountIs('AWS::SecretsManager::Secret', 0);
    const secrets = (container(t, 'api').Secrets as Array<{ Name: string; ValueFrom: string }>);
    expect(secrets.map((s) => [s.Name, s.ValueFrom])).toEqual(expect.arrayContaining([
      ['POSTGRES_PASSWORD', existing.postgresPasswordSecretArn],
      ['REDIS_PASSWORD', existing.redisPasswordSecretArn],
      ['SECRET_KEY', existing.secretKeySecretArn],
    ]));
  });

  test('VPC endpoints for ECR, logs, Secrets Manager and SSM', () => {
    const services = Object.values(resources(t, 'AWS::EC2::VPCEndpoint')).map((e) => e.Properties.ServiceName);
    expect(services).toEqual(expect.arrayContaining(['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'ssm'].map((s) => `com.amazonaws.eu-west-2.${s}`)));
  });

  test('composite service-unhealthy alarm and deployment rollback on alarms', () => {
    t.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 1);
    t.hasResourceProperties('AWS::ECS::Service', {
      ServiceName: 'api',
      DeploymentConfiguration: Match.objectLike({ Alarms: Match.objectLike({ Enable: true, Rollback: true }) }),
    });
  });
});
