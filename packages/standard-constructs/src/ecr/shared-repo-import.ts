import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { GlimpseAccounts } from './glimpse-accounts';
import { sharedRepositoryName } from './repository-name';
import { SharedEcrRepoImportProps } from './shared-repo-import-props';
import { assertAccountIds, assertMatches } from '../internal/validation';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * The repository `<service>/<app>` of the shared registry, as seen from a
 * workload account. The ARN is a literal (the registry lives in the
 * commercial partition), so the image URI names the registry account, which
 * is where the task execution role pulls from.
 */
export function importSharedRepository(scope: Construct, id: string, props: SharedEcrRepoImportProps): ecr.IRepository {
  const target = new Construct(scope, id);
  const repositoryName = sharedRepositoryName(target, props.service, props.app);
  const account = props.account ?? GlimpseAccounts.SHARED_REGISTRY;
  const region = props.region ?? GlimpseAccounts.SHARED_REGISTRY_REGION;
  assertAccountIds(target, 'account', [account]);
  assertMatches(target, 'region', region, REGION, 'Give an AWS region such as eu-west-2.');
  return ecr.Repository.fromRepositoryAttributes(target, 'Repository', {
    repositoryName,
    repositoryArn: `arn:aws:ecr:${region}:${account}:repository/${repositoryName}`,
  });
}
