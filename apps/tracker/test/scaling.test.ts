import { Template } from 'aws-cdk-lib/assertions';
import { logicalId, resources, synthEnvironments } from './synth';
import { PRODUCTION, STAGING, TrackerEnvironmentConfig } from '../src/config';

const { stagingTemplate, productionTemplate } = synthEnvironments();

/** The scalable target and its policies of one service, by service name. */
function scalingOf(t: Template, serviceId: string) {
  const service = logicalId(t, `/${serviceId}/Service/Service`);
  const target = Object.entries(resources(t, 'AWS::ApplicationAutoScaling::ScalableTarget'))
    .find(([, r]) => JSON.stringify(r.Properties.ResourceId).includes(service));
  if (!target) return undefined;
  const policies = Object.values(resources(t, 'AWS::ApplicationAutoScaling::ScalingPolicy'))
    .filter((p) => JSON.stringify(p.Properties.ScalingTargetId) === JSON.stringify({ Ref: target[0] }))
    .map((p) => p.Properties);
  return { target: target[1].Properties, policies };
}

describe.each([
  ['TrackerStaging', STAGING, stagingTemplate],
  ['TrackerProduction', PRODUCTION, productionTemplate],
] as Array<[string, TrackerEnvironmentConfig, Template]>)('%s autoscaling', (_name, config, t) => {
  test.each([['Api', 'api'], ['Frontend', 'frontend']] as const)('%s scales on CPU and on ALB requests per task, within the config bounds', (id, size) => {
    const scaling = config.sizes[size].scaling!;
    const found = scalingOf(t, id)!;
    expect(found.target).toMatchObject({ MinCapacity: scaling.min, MaxCapacity: scaling.max, ScalableDimension: 'ecs:service:DesiredCount' });
    const tracking = found.policies.map((p) => p.TargetTrackingScalingPolicyConfiguration);
    expect(tracking).toEqual(expect.arrayContaining([
      expect.objectContaining({ TargetValue: scaling.cpuTargetPercent, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } }),
      expect.objectContaining({
        TargetValue: scaling.requestsPerTarget,
        PredefinedMetricSpecification: expect.objectContaining({ PredefinedMetricType: 'ALBRequestCountPerTarget' }),
      }),
    ]));
    expect(found.policies).toHaveLength(2);
  });

  test('scaled services start at their minimum; the bounds are sane', () => {
    for (const [id, size] of [['Api', 'api'], ['Frontend', 'frontend']] as const) {
      const scaling = config.sizes[size].scaling!;
      expect(scaling.min).toBeGreaterThanOrEqual(1);
      expect(scaling.max).toBeGreaterThanOrEqual(scaling.min);
      const service = resources(t, 'AWS::ECS::Service')[logicalId(t, `/${id}/Service/Service`)].Properties;
      expect(service.DesiredCount).toBe(scaling.min);
    }
  });

  test('the general TaskiQ worker scales on CPU only (its queues live in Valkey, no CloudWatch metric); the fetcher stays at one task', () => {
    const worker = scalingOf(t, 'TrackerWorker')!;
    const expected = config.workers.find((w) => w.name === 'tracker-worker')!.scaling!;
    expect(worker.target).toMatchObject({ MinCapacity: expected.min, MaxCapacity: expected.max });
    expect(worker.policies.map((p) => p.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType))
      .toEqual(['ECSServiceAverageCPUUtilization']);
    expect(scalingOf(t, 'TrackerFetcher2')).toBeUndefined();
  });

  test('admin and anisette do not scale', () => {
    expect(scalingOf(t, 'Admin')).toBeUndefined();
    expect(scalingOf(t, 'Anisette')).toBeUndefined();
  });
});

test('bounds: staging 1-2, production 2-6 for api and frontend', () => {
  for (const size of ['api', 'frontend'] as const) {
    expect([STAGING.sizes[size].scaling!.min, STAGING.sizes[size].scaling!.max]).toEqual([1, 2]);
    expect([PRODUCTION.sizes[size].scaling!.min, PRODUCTION.sizes[size].scaling!.max]).toEqual([2, 6]);
  }
});
