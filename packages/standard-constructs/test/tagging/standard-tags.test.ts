import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { REQUIRED_TAG_KEYS, StandardTagKey, StandardTags, StandardTagsProps, VERSION_CONTEXT_KEY } from '../../src';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const PROPS: StandardTagsProps = {
  environment: 'staging',
  application: 'tracker-restapi',
  component: 'api',
  version: SHA,
  repository: 'https://github.com/glimpse-technology/platform-constructs',
};

function stackWithResources(): Stack {
  const stack = new Stack(new App(), 'Tagged');
  new s3.Bucket(stack, 'Bucket');
  new sqs.Queue(stack, 'Queue');
  new logs.LogGroup(stack, 'Logs');
  new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
  return stack;
}

describe('StandardTags', () => {
  test('tags every taggable resource with the six standard tags, and no Project tag unless given', () => {
    const stack = stackWithResources();
    StandardTags.apply(stack, PROPS);
    const template = Template.fromStack(stack);

    expect(StandardTags.findUntagged(stack)).toEqual([]);
    template.hasResourceProperties('AWS::S3::Bucket', {
      Tags: [
        { Key: 'Application', Value: 'tracker-restapi' },
        { Key: 'Component', Value: 'api' },
        { Key: 'Environment', Value: 'staging' },
        { Key: 'ManagedBy', Value: 'aws-cdk' },
        { Key: 'Repository', Value: PROPS.repository },
        { Key: 'Version', Value: SHA },
      ],
    });
  });

  test('findUntagged reports resources that miss the tags', () => {
    const stack = stackWithResources();
    Template.fromStack(stack);
    expect(StandardTags.findUntagged(stack)).toEqual(expect.arrayContaining(['Tagged/Bucket/Resource', 'Tagged/Queue/Resource']));
  });

  test('managedBy can be overridden', () => {
    const stack = stackWithResources();
    StandardTags.apply(stack, { ...PROPS, managedBy: 'platform-pipeline' });
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', {
      Tags: [
        { Key: 'Application', Value: 'tracker-restapi' },
        { Key: 'Component', Value: 'api' },
        { Key: 'Environment', Value: 'staging' },
        { Key: 'ManagedBy', Value: 'platform-pipeline' },
        { Key: 'Repository', Value: PROPS.repository },
        { Key: 'Version', Value: SHA },
      ],
    });
  });

  test('keeps a legacy Project tag when given, on every taggable resource', () => {
    const stack = stackWithResources();
    StandardTags.apply(stack, { ...PROPS, project: 'tracker' });
    const template = Template.fromStack(stack);
    for (const type of ['AWS::SQS::Queue', 'AWS::S3::Bucket', 'AWS::EC2::VPC']) {
      template.hasResourceProperties(type, {
        Tags: Match.arrayWith([{ Key: 'Application', Value: 'tracker-restapi' }, { Key: 'Project', Value: 'tracker' }]),
      });
    }
  });

  test('rejects a bad project value', () => {
    expect(() => StandardTags.apply(new Stack(new App(), 'Bad'), { ...PROPS, project: 'a#b' })).toThrow(/invalid `project`: got 'a#b'/);
  });

  test('adds the organisation\'s additional tags to every taggable resource', () => {
    const stack = stackWithResources();
    StandardTags.apply(stack, { ...PROPS, additionalTags: { 'CostCentre': 'CC-1234', 'glimpse:owner': 'platform team' } });
    const template = Template.fromStack(stack);
    for (const type of ['AWS::SQS::Queue', 'AWS::S3::Bucket', 'AWS::EC2::VPC']) {
      template.hasResourceProperties(type, {
        Tags: Match.arrayWith([{ Key: 'CostCentre', Value: 'CC-1234' }, { Key: 'glimpse:owner', Value: 'platform team' }]),
      });
    }
    expect(StandardTags.findUntagged(stack)).toEqual([]);
  });

  test('the required keys are a subset of what StandardTags writes', () => {
    expect(Object.values(StandardTagKey)).toEqual(expect.arrayContaining([...REQUIRED_TAG_KEYS]));
    expect(REQUIRED_TAG_KEYS).not.toContain(StandardTagKey.PROJECT);
  });

  test.each([
    ['a standard key', { Environment: 'prod' }, /invalid `additionalTags`: 'Environment' is a standard tag key/],
    ['the aws: namespace', { 'aws:owner': 'x' }, /invalid `additionalTags`: got 'aws:owner'/],
    ['a bad value', { CostCentre: 'a#b' }, /invalid `additionalTags.CostCentre`: got 'a#b'/],
    ['too many tags', Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`Key${i}`, 'v'])), /invalid `additionalTags`: got 41 tags.*at most 40/],
  ])('rejects additional tags with %s', (_name, additionalTags, message) => {
    const stack = new Stack(new App(), 'Bad');
    expect(() => StandardTags.apply(stack, { ...PROPS, additionalTags })).toThrow(message);
  });

  test.each([
    ['version', { version: 'latest' }, /invalid `version`.*git commit SHA/],
    ['repository', { repository: 'git@github.com:org/repo' }, /invalid `repository`.*https URL/],
    ['environment', { environment: '' }, /invalid `environment`/],
    ['component', { component: 'api#1' }, /invalid `component`.*Tag values/],
    ['application', { application: 'x'.repeat(257) }, /invalid `application`/],
  ])('rejects a bad %s', (_name, override, message) => {
    const stack = new Stack(new App(), 'Bad');
    expect(() => StandardTags.apply(stack, { ...PROPS, ...override })).toThrow(message);
  });

  describe('gitVersion', () => {
    const saved = process.env.GIT_SHA;
    afterEach(() => {
      if (saved === undefined) delete process.env.GIT_SHA;
      else process.env.GIT_SHA = saved;
    });

    test('prefers the context value', () => {
      const app = new App({ context: { [VERSION_CONTEXT_KEY]: 'abcdef1' } });
      expect(StandardTags.gitVersion(app)).toBe('abcdef1');
    });

    test('falls back to GIT_SHA', () => {
      process.env.GIT_SHA = 'fedcba9876543';
      expect(StandardTags.gitVersion(new App())).toBe('fedcba9876543');
    });

    test('rejects a value that is not a commit', () => {
      const app = new App({ context: { [VERSION_CONTEXT_KEY]: 'v1.2.3' } });
      expect(() => StandardTags.gitVersion(app)).toThrow(/could not determine the git commit.*-c glimpse:version=<sha>/);
    });
  });
});
