import { App, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { platform, workerProps } from './fixtures';
import { ProjectKey } from '../../src/encryption';
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

describe('the log group key policy statement', () => {
  /** The key policy statements that let CloudWatch Logs use the key. */
  function logsStatements(useProjectKey: boolean) {
    const stack = new Stack(new App(), 'S');
    const p = platform(stack);
    const encryptionKey = useProjectKey ? new ProjectKey(stack, 'ProjectKey', { projectName: 'tracker-restapi', environmentName: 'staging' }).key : p.key;
    new TrackerWorkerService(stack, 'W', workerProps(p, { encryptionKey }));
    const keys = Template.fromStack(stack).findResources('AWS::KMS::Key');
    const key = Object.entries(keys).find(([id]) => id.startsWith(useProjectKey ? 'ProjectKey' : 'Key'))![1];
    return (key.Properties.KeyPolicy.Statement as Array<{ Principal?: { Service?: unknown }; Condition?: unknown }>)
      .filter((s) => JSON.stringify(s.Principal ?? {}).includes('logs.'));
  }

  test('a key that does not cover the log group yet gets one statement for exactly that log group', () => {
    // The cluster's exec log group and the service's: one statement each, by exact ARN.
    const statements = logsStatements(false);
    expect(statements.map((s) => JSON.stringify(s.Condition))).toEqual([
      expect.stringMatching(/ArnEquals.*log-group:\/aws\/ecs\/tracker-restapi-staging\/execute-command"/),
      expect.stringMatching(/ArnEquals.*log-group:\/aws\/ecs\/tracker-restapi-staging\/tracker-fetcher"/),
    ]);
  });

  test('a project key whose log group pattern covers the service adds no redundant statement', () => {
    const statements = logsStatements(true);
    expect(statements).toHaveLength(1);
    expect(JSON.stringify(statements[0].Condition)).toContain('ArnLike');
  });
});
