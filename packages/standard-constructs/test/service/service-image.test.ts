import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { apiProps, DIGEST, GIT_SHA, platform, workerProps } from './fixtures';
import { isPinnedImage } from '../../src/compliance/rules/container-image-pinned';
import { ServiceImage, TrackerWebService, TrackerWorkerService } from '../../src/service';

function synthWith(image: (repo: ecr.IRepository) => ServiceImage) {
  const stack = new Stack(new App(), 'S');
  const p = platform(stack);
  new TrackerWorkerService(stack, 'Worker', workerProps(p, { image: image(p.repository) }));
  return Template.fromStack(stack);
}

test.each([GIT_SHA, '4f3ebae', 'prod-4f3ebae951a368bda79d84632a831a4f266b1bed'])('accepts the git SHA tag %s', (tag) => {
  synthWith((repo) => ServiceImage.fromRepository(repo, tag)).hasResourceProperties('AWS::ECS::TaskDefinition', {
    ContainerDefinitions: [Match.objectLike({ Image: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([`/tracker/api:${tag}`])] }) })],
    Tags: Match.arrayWith([{ Key: 'ImageVersion', Value: tag }]),
  });
});

test('the service and the ContainerImagePinned rule agree on what a pin is', () => {
  const sha256Commit = 'c'.repeat(64);
  for (const tag of [GIT_SHA, sha256Commit, 'prod-4f3ebae']) {
    expect(isPinnedImage(`123456789012.dkr.ecr.eu-west-2.amazonaws.com/tracker/api:${tag}`)).toBe(true);
    expect(() => synthWith((repo) => ServiceImage.fromRepository(repo, tag))).not.toThrow();
  }
  for (const tag of ['c'.repeat(65), 'latest', '4f3eba']) {
    expect(isPinnedImage(`123456789012.dkr.ecr.eu-west-2.amazonaws.com/tracker/api:${tag}`)).toBe(false);
    expect(() => synthWith((repo) => ServiceImage.fromRepository(repo, tag))).toThrow(/invalid `image`/);
  }
});

test('accepts a digest from the repository', () => {
  synthWith((repo) => ServiceImage.fromRepository(repo, DIGEST)).hasResourceProperties('AWS::ECS::TaskDefinition', {
    ContainerDefinitions: [Match.objectLike({ Image: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([`/tracker/api@${DIGEST}`])] }) })],
  });
});

test.each(['latest', '', 'v1.2.3', 'main', 'sha256:abc'])('rejects the mutable or malformed pin %p', (tag) => {
  expect(() => synthWith((repo) => ServiceImage.fromRepository(repo, tag))).toThrow(/invalid `image`.*Pin the image to the git commit/);
});

test('a public image is pinned by digest', () => {
  synthWith(() => ServiceImage.fromRegistryDigest('public.ecr.aws/nginx/nginx', DIGEST)).hasResourceProperties('AWS::ECS::TaskDefinition', {
    ContainerDefinitions: [Match.objectLike({ Image: `public.ecr.aws/nginx/nginx@${DIGEST}` })],
  });
});

test.each(['public.ecr.aws/nginx/nginx:latest', 'nginx@sha256:' + 'b'.repeat(64), ''])('rejects the image name %p that carries its own pin', (name) => {
  expect(() => synthWith(() => ServiceImage.fromRegistryDigest(name, DIGEST))).toThrow(/invalid `image`: got image name/);
});

test('a registry with a port is not mistaken for a tag', () => {
  synthWith(() => ServiceImage.fromRegistryDigest('registry.example.com:5000/team/app', DIGEST)).hasResourceProperties('AWS::ECS::TaskDefinition', {
    ContainerDefinitions: [Match.objectLike({ Image: `registry.example.com:5000/team/app@${DIGEST}` })],
  });
});

test('a public image by tag is rejected', () => {
  expect(() => synthWith(() => ServiceImage.fromRegistryDigest('public.ecr.aws/nginx/nginx', 'latest'))).toThrow(/invalid `image`: got 'latest'/);
});

test('the execution role pulls from the given repository only', () => {
  const stack = new Stack(new App(), 'S');
  const p = platform(stack);
  new TrackerWebService(stack, 'Api', apiProps(p));
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
    Roles: [{ Ref: Match.stringLikeRegexp('^ApiExecutionRole') }],
    PolicyDocument: {
      Statement: Match.arrayWith([
        { Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Effect: 'Allow', Resource: p.repository.repositoryArn },
        { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
      ]),
    },
  });
});
