import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { dataVolume, platform, workerProps } from './fixtures';
import { ServiceContainerOptions, TrackerWorkerService, TrackerWorkerServiceProps } from '../../src/service';
import { nagFindings } from '../nag';

function taskDefinition(containerOptions?: ServiceContainerOptions, extra: Partial<TrackerWorkerServiceProps> = {}) {
  const stack = new Stack(new App(), 'S');
  new TrackerWorkerService(stack, 'W', workerProps(platform(stack), { containerOptions, ...extra }));
  const [definition] = Object.values(Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition'));
  return definition.Properties;
}

describe('memory hard limit', () => {
  test('every container has one: by default the task memory', () => {
    expect(taskDefinition().ContainerDefinitions[0].Memory).toBe(512);
  });

  test('with tracing, the task memory less the collector', () => {
    const containers = taskDefinition(undefined, { cpu: 512, memoryLimitMiB: 1024, tracing: {} }).ContainerDefinitions;
    expect(containers.map((c: { Name: string; Memory: number }) => [c.Name, c.Memory])).toEqual([['tracker-fetcher', 896], ['aws-otel-collector', 128]]);
  });

  test('as given', () => {
    expect(taskDefinition({ memoryLimit: Size.mebibytes(384) }).ContainerDefinitions[0].Memory).toBe(384);
  });
});

describe('read-only root filesystem', () => {
  test('off by default: writable root, no scratch volumes, the image\'s user', () => {
    const def = taskDefinition();
    expect(def.ContainerDefinitions[0]).toMatchObject({ ReadonlyRootFilesystem: false });
    expect(def.ContainerDefinitions[0].User).toBeUndefined();
    expect(def.Volumes).toBeUndefined();
  });

  test('on: /tmp stays writable on a scratch volume', () => {
    const def = taskDefinition({ readonlyRootFilesystem: true });
    expect(def.ContainerDefinitions[0]).toMatchObject({
      ReadonlyRootFilesystem: true,
      MountPoints: [{ SourceVolume: 'scratch-tmp', ContainerPath: '/tmp', ReadOnly: false }],
    });
    expect(def.Volumes).toEqual([{ Name: 'scratch-tmp' }]);
  });

  test('named scratch paths replace /tmp', () => {
    const def = taskDefinition({ readonlyRootFilesystem: true, scratchPaths: ['/tmp', '/app/cache'] });
    expect(def.Volumes).toEqual([{ Name: 'scratch-tmp' }, { Name: 'scratch-app-cache' }]);
    expect(def.ContainerDefinitions[0].MountPoints).toEqual([
      { SourceVolume: 'scratch-tmp', ContainerPath: '/tmp', ReadOnly: false },
      { SourceVolume: 'scratch-app-cache', ContainerPath: '/app/cache', ReadOnly: false },
    ]);
  });

  test('with EFS mounts too, each keeps its own volume', () => {
    const stack = new Stack(new App(), 'S');
    const p = platform(stack);
    new TrackerWorkerService(stack, 'W', workerProps(p, { containerOptions: { readonlyRootFilesystem: true }, efsMounts: [dataVolume(stack)] }));
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      Volumes: [{ Name: 'scratch-tmp' }, Match.objectLike({ Name: 'efs-1' })],
    });
  });
});

test('a non-root user', () => {
  expect(taskDefinition({ user: '1000:1000' }).ContainerDefinitions[0].User).toBe('1000:1000');
});

describe('container health check', () => {
  test('opt-in: none unless a command is given', () => {
    expect(taskDefinition().ContainerDefinitions[0].HealthCheck).toBeUndefined();
  });

  test('an explicit command, with the timing defaults filled in', () => {
    expect(taskDefinition({ healthCheck: { command: ['CMD', '/app/healthcheck'] } }).ContainerDefinitions[0].HealthCheck).toEqual({
      Command: ['CMD', '/app/healthcheck'], Interval: 30, Timeout: 5, Retries: 3, StartPeriod: 60,
    });
  });

  test('timing as given', () => {
    const check = taskDefinition({ healthCheck: { command: ['CMD-SHELL', 'test -f /tmp/alive'], interval: Duration.seconds(10), retries: 5 } })
      .ContainerDefinitions[0].HealthCheck;
    expect(check).toMatchObject({ Interval: 10, Retries: 5, Timeout: 5, StartPeriod: 60 });
  });
});

test('cdk-nag: a hardened worker has no findings', () => {
  expect(nagFindings((s) => new TrackerWorkerService(s, 'W', workerProps(platform(s), {
    containerOptions: { readonlyRootFilesystem: true, user: '1000:1000', memoryLimit: Size.mebibytes(448), healthCheck: { command: ['CMD', '/healthcheck'] } },
  })))).toEqual([]);
});
