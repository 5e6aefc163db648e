import { GlimpseCompliance, KEPT_TAG_PREFIXES, StandardTags, VERSION_CONTEXT_KEY } from '@glimpse/standard-constructs';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../src/app';
import { REGISTRY_CONFIG } from '../src/config';
import { SharedRegistryStack } from '../src/shared-registry-stack';

const VERSION = '0123456789abcdef0123456789abcdef01234567';

function synth(): { app: App; stack: SharedRegistryStack; template: Template } {
  const app = buildApp(new App({ context: { [VERSION_CONTEXT_KEY]: VERSION } }));
  const stack = app.node.findChild('SharedRegistry') as SharedRegistryStack;
  return { app, stack, template: Template.fromStack(stack) };
}

const accountRoot = (account: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:root`]] });

describe('shared registry app', () => {
  const { app, stack, template } = synth();

  test('lives in the shared registry account', () => {
    expect(stack.account).toBe('636728427214');
    expect(stack.region).toBe('eu-west-2');
    expect(stack.terminationProtection).toBe(true);
  });

  test("holds exactly Tracker's five repositories, the workers' tracker/services among them", () => {
    const names = Object.values(template.findResources('AWS::ECR::Repository')).map((r) => r.Properties.RepositoryName);
    expect(names.sort()).toEqual(['tracker/admin', 'tracker/anisette', 'tracker/api', 'tracker/frontend', 'tracker/services']);
  });

  test('every repository keeps release- and environment-tagged images: the tags the environments deploy', () => {
    for (const repo of Object.values(template.findResources('AWS::ECR::Repository'))) {
      const rules = JSON.parse(repo.Properties.LifecyclePolicy.LifecyclePolicyText).rules;
      type Rule = { selection: { tagPrefixList?: string[] } };
      const kept = rules.filter((r: Rule) => r.selection.tagPrefixList).map((r: Rule) => r.selection.tagPrefixList![0]);
      expect(kept).toEqual([...KEPT_TAG_PREFIXES]);
    }
  });

  test('every repository: staging and production pull, dev pushes, nothing else', () => {
    const repos = Object.values(template.findResources('AWS::ECR::Repository'));
    for (const repo of repos) {
      expect(repo.Properties.RepositoryPolicyText.Statement).toHaveLength(2);
      const [pull, push] = repo.Properties.RepositoryPolicyText.Statement;
      expect(pull.Principal.AWS).toEqual(REGISTRY_CONFIG.pullAccounts.map(accountRoot));
      expect(pull.Action).not.toContain('ecr:PutImage');
      expect(push.Principal.AWS).toEqual(accountRoot(REGISTRY_CONFIG.devAccount));
      expect(push.Action).toContain('ecr:PutImage');
      expect(repo.DeletionPolicy).toBe('Retain');
      expect(repo.Properties.ImageTagMutability).toBe('IMMUTABLE');
    }
  });

  test('the dev account is not also a pull-only account', () => {
    expect(REGISTRY_CONFIG.pullAccounts).not.toContain(REGISTRY_CONFIG.devAccount);
  });

  test('every taggable resource carries the standard tags', () => {
    expect(StandardTags.findUntagged(stack)).toEqual([]);
    template.hasResourceProperties('AWS::ECR::Repository', {
      Tags: Match.arrayWith([{ Key: 'Environment', Value: 'shared' }, { Key: 'Version', Value: VERSION }]),
    });
  });

  test('passes AwsSolutions, HIPAA, NIST 800-53 rev 5 and the Glimpse pack with no acknowledgement', () => {
    const findings = GlimpseCompliance.packs(app).flatMap((pack) => pack.validateScope(app).violations);
    expect(findings).toEqual([]);
  });

  test('snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});
