import { Match } from 'aws-cdk-lib/assertions';
import { resources, synthEnvironments } from './synth';
import { STAGING } from '../src/config';

const { stagingTemplate: t, productionTemplate: production } = synthEnvironments();

describe('TrackerStaging alarms', () => {
  test('every alarm notifies the account\'s Teams forwarder topic on ALARM and OK', () => {
    const topic = `:sns:eu-west-2:${STAGING.account}:glimpse-alarms-teams`;
    const alarms = Object.values(resources(t, 'AWS::CloudWatch::Alarm')).filter((a) => String(a.Properties.AlarmName ?? '').startsWith('tracker-restapi-staging-'));
    expect(alarms.length).toBeGreaterThan(10);
    for (const alarm of alarms) {
      expect(JSON.stringify(alarm.Properties.AlarmActions)).toContain(topic);
      expect(JSON.stringify(alarm.Properties.OKActions)).toContain(topic);
    }
  });

  test('covers the load balancer, the three target groups, the six services and the data host', () => {
    const names = Object.values(resources(t, 'AWS::CloudWatch::Alarm')).map((a) => String(a.Properties.AlarmName));
    for (const part of ['api', 'frontend', 'admin', 'anisette', 'tracker-worker', 'tracker-fetcher-2', 'data-host']) {
      expect(names.some((n) => n.includes(`-${part}-`))).toBe(true);
    }
  });

  test('the data host\'s PostgreSQL connections, from its own metric, at 80 % of max_connections; none in production', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'tracker-restapi-staging-data-host-postgres-connections',
      Namespace: 'CWAgent',
      MetricName: 'postgresql_connections',
      Dimensions: [{ Name: 'InstanceId', Value: { Ref: Match.stringLikeRegexp('^DataHostInstance') } }],
      Threshold: 80,
    });
    expect(production.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'postgresql_connections' } })).toEqual({});
  });

  test.each(['api', 'frontend', 'admin'])('%s deployments roll back while its target group alarms', (service) => {
    t.hasResourceProperties('AWS::ECS::Service', {
      ServiceName: service,
      DeploymentConfiguration: Match.objectLike({
        Alarms: { AlarmNames: Match.arrayWith([Match.stringLikeRegexp(`^tracker-restapi-staging-${service}-`)]), Enable: true, Rollback: true },
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      }),
    });
  });
});
