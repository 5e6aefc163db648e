import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { GlimpseCompliance, SharedEcrRepo } from '@glimpse/standard-constructs';
import { acknowledgeDestroyed, tagIntegStack } from './integ-compliance';

/**
 * A shared repository whose pull account is the sandbox account itself and
 * whose pusher is a CI role in it: real principals, so the repository policy
 * is accepted, and the assertions read back what ECR stored.
 */
const app = new App();
GlimpseCompliance.enable(app);
const stack = new Stack(app, 'SharedEcrRepoCrossAccount');
tagIntegStack(stack, 'shared-ecr-repo-cross-account');
const ci = new iam.Role(stack, 'CiRole', { assumedBy: new iam.AccountRootPrincipal() });
const repo = new SharedEcrRepo(stack, 'Repo', {
  service: 'integ',
  app: 'shared-ecr-repo',
  pullAccounts: [stack.account],
  pushPrincipals: [ci],
  maxImageCount: 5,
  removalPolicy: RemovalPolicy.DESTROY,
});
acknowledgeDestroyed(repo.node.findChild('Repository'));

const integ = new IntegTest(app, 'SharedEcrRepoTest', { testCases: [stack] });

integ.assertions
  .awsApiCall('ECR', 'describeRepositories', { repositoryNames: [repo.repositoryName] })
  .expect(ExpectedResult.objectLike({
    repositories: [Match.objectLike({
      repositoryName: 'integ/shared-ecr-repo',
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: { encryptionType: 'AES256' },
    })],
  }));

integ.assertions
  .awsApiCall('ECR', 'getRepositoryPolicy', { repositoryName: repo.repositoryName })
  .expect(ExpectedResult.objectLike({
    repositoryName: 'integ/shared-ecr-repo',
    policyText: Match.serializedJson(Match.objectLike({
      Statement: [
        Match.objectLike({ Sid: 'CrossAccountPull', Action: Match.arrayWith(['ecr:BatchGetImage']) }),
        Match.objectLike({ Sid: 'CrossAccountPush', Action: Match.arrayWith(['ecr:PutImage']) }),
      ],
    })),
  }));

integ.assertions
  .awsApiCall('ECR', 'getLifecyclePolicy', { repositoryName: repo.repositoryName })
  .expect(ExpectedResult.objectLike({
    lifecyclePolicyText: Match.serializedJson(Match.objectLike({
      rules: [
        Match.objectLike({ selection: Match.objectLike({ tagStatus: 'untagged', countNumber: 7 }) }),
        Match.objectLike({ selection: Match.objectLike({ tagStatus: 'any', countNumber: 5 }) }),
      ],
    })),
  }));
