import { App, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { platform, workerProps } from './fixtures';
import { ServiceLoggingOptions, TrackerWorkerService } from '../../src/service';

function logConfiguration(logging?: ServiceLoggingOptions) {
  const stack = new Stack(new App(), 'S');
  new TrackerWorkerService(stack, 'W', workerProps(platform(stack), { logging }));
  const [definition] = Object.values(Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition'));
  return definition.Properties.ContainerDefinitions[0].LogConfiguration;
}

test('default: awslogs, non-blocking, 25 MiB buffer', () => {
  expect(logConfiguration()).toEqual({
    LogDriver: 'awslogs',
    Options: {
      'awslogs-group': { Ref: expect.stringMatching(/^WLogGroup/) },
      'awslogs-stream-prefix': 'tracker-fetcher',
      'awslogs-region': { Ref: 'AWS::Region' },
      'mode': 'non-blocking',
      'max-buffer-size': '26214400b',
    },
  });
});

test('buffer size is configurable', () => {
  expect(logConfiguration({ maxBufferSize: Size.mebibytes(64) }).Options).toMatchObject({ 'mode': 'non-blocking', 'max-buffer-size': '67108864b' });
});

test('blocking mode has no buffer', () => {
  const options = logConfiguration({ mode: ecs.AwsLogDriverMode.BLOCKING }).Options;
  expect(options.mode).toBe('blocking');
  expect(options).not.toHaveProperty('max-buffer-size');
});

test('a buffer with blocking mode', () => {
  expect(() => logConfiguration({ mode: ecs.AwsLogDriverMode.BLOCKING, maxBufferSize: Size.mebibytes(8) }))
    .toThrow(/invalid `logging.maxBufferSize`: the blocking mode has no buffer\. Remove maxBufferSize/);
});

test('a buffer that is not whole mebibytes or too large for the task', () => {
  expect(() => logConfiguration({ maxBufferSize: Size.kibibytes(512) })).toThrow(/invalid `logging.maxBufferSize`: got 0.5 MiB\. Use whole mebibytes from 1 to half the task memory \(256 MiB\)/);
  expect(() => logConfiguration({ maxBufferSize: Size.mebibytes(300) })).toThrow(/got 300 MiB/);
});
