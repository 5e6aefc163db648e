import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ImageRetentionOptions, imageRetentionRules } from './image-retention';
import { sharedRepositoryName } from './repository-name';
import { importSharedRepository } from './shared-repo-import';
import { SharedEcrRepoImportProps } from './shared-repo-import-props';
import { assertAccountIds, assertLiteralNumber, assertMatches, invalidProp } from '../internal/validation';

/** Properties of a `SharedEcrRepo`. */
export interface SharedEcrRepoProps extends ImageRetentionOptions {
  /**
   * The service the images belong to: the first part of `<service>/<app>`.
   * @default - `repositoryName` must be given
   */
  readonly service?: string;
  /**
   * The application within the service: the second part of `<service>/<app>`.
   * @default - `repositoryName` must be given
   */
  readonly app?: string;
  /**
   * The full repository name, `<service>/<app>`, instead of `service` and `app`.
   * @default - `<service>/<app>`
   */
  readonly repositoryName?: string;
  /**
   * Workload accounts that may pull (read-only).
   * @default - none
   */
  readonly pullAccounts?: string[];
  /**
   * An AWS Organizations id (`o-…`) whose accounts may pull, through `aws:PrincipalOrgID`.
   * @default - no organisation-wide pull
   */
  readonly pullOrganizationId?: string;
  /**
   * Accounts that may push (and pull): the dev workload account.
   * @default - none
   */
  readonly pushAccounts?: string[];
  /**
   * Principals that may push (and pull), e.g. the CI role of another account.
   * @default - none
   */
  readonly pushPrincipals?: iam.IPrincipal[];
  /**
   * Accounts whose Lambda functions may pull container images; the Lambda
   * service is limited to functions of these accounts by `aws:sourceArn`.
   * @default - none
   */
  readonly lambdaPullAccounts?: string[];
  /**
   * Tag patterns (wildcards) exempt from tag immutability. Every other tag is
   * immutable. Signatures and attestations stored as OCI referrers are
   * attached by digest and need no exemption; tools that write
   * `sha256-<digest>.sig`-style tags and re-sign need e.g. `['sha256-*']`.
   * @default - all tags immutable
   */
  readonly mutableTagPatterns?: string[];
  /**
   * Scan images for vulnerabilities when pushed.
   * @default true
   */
  readonly scanOnPush?: boolean;
  /**
   * A customer-managed key to encrypt images with; pull and push accounts are
   * granted decrypt through ECR.
   * @default - AWS-managed encryption (AES-256), the organisation's default
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * What happens to the repository when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];
const PUSH_ACTIONS = ['ecr:CompleteLayerUpload', 'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart'];
const LAMBDA_PULL_ACTIONS = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** ECR's tag-mutability exclusion filter: 1 to 128 of letters, digits, `.`, `_`, `-` and `*` wildcards; at most 5. */
const TAG_PATTERN = /^[A-Za-z0-9._*-]{1,128}$/;
const MAX_TAG_PATTERNS = 5;

/**
 * A repository in the shared registry account, named `<service>/<app>`, with
 * the organisation's defaults: immutable tags, scan on push, lifecycle
 * expiry that never touches release or environment-tagged images,
 * AWS-managed encryption, retained on removal, and a repository policy
 * giving workload accounts read-only pull and the dev account push.
 */
export class SharedEcrRepo extends Construct {
  /**
   * Imports the shared registry's repository `<service>/<app>` into a
   * workload account's stack, e.g. for `ServiceImage.fromRepository`.
   * Creates nothing: the repository policy of the registry account decides
   * who may pull (`pullAccounts`, `pullOrganizationId`).
   *
   * @example
   * const repo = SharedEcrRepo.fromServiceApp(stack, 'ApiRepo', { service: 'tracker', app: 'api' });
   * const image = ServiceImage.fromRepository(repo, '4f3ebae951a368bda79d84632a831a4f266b1bed');
   */
  public static fromServiceApp(scope: Construct, id: string, props: SharedEcrRepoImportProps): ecr.IRepository {
    return importSharedRepository(scope, id, props);
  }

  /** The repository. */
  public readonly repository: ecr.IRepository;
  /** The repository name, `<service>/<app>`. */
  public readonly repositoryName: string;

  constructor(scope: Construct, id: string, props: SharedEcrRepoProps) {
    super(scope, id);
    this.repositoryName = sharedRepositoryName(this, props.service, props.app, props.repositoryName);
    const pullAccounts = props.pullAccounts ?? [];
    const pushAccounts = props.pushAccounts ?? [];
    const lambdaPullAccounts = props.lambdaPullAccounts ?? [];
    assertAccountIds(this, 'pullAccounts', pullAccounts);
    assertAccountIds(this, 'pushAccounts', pushAccounts);
    assertAccountIds(this, 'lambdaPullAccounts', lambdaPullAccounts);
    assertMatches(this, 'pullOrganizationId', props.pullOrganizationId, ORGANIZATION_ID, 'An organisation id looks like o-a1b2c3d4e5.');
    assertLiteralNumber(this, 'maxImageCount', props.maxImageCount, 'it is written into the lifecycle policy document at synth.');
    this.rejectOwnAccount('pullAccounts', pullAccounts);
    this.rejectOwnAccount('pushAccounts', pushAccounts);
    const lifecycleRules = imageRetentionRules(this, props);
    const both = pushAccounts.filter((a) => pullAccounts.includes(a));
    if (both.length > 0) {
      throw invalidProp(this, 'pullAccounts', `${both.join(', ')} also listed in \`pushAccounts\``,
        'Push accounts can already pull; list each account in one of the two only.');
    }

    const mutableTagPatterns = props.mutableTagPatterns ?? [];
    // aws-cdk-lib checks these too, but without naming the construct or the prop.
    if (mutableTagPatterns.length > MAX_TAG_PATTERNS) {
      throw invalidProp(this, 'mutableTagPatterns', `${mutableTagPatterns.length} patterns`, `ECR accepts at most ${MAX_TAG_PATTERNS}; combine them with * wildcards.`);
    }
    for (const pattern of mutableTagPatterns) {
      assertMatches(this, 'mutableTagPatterns', pattern, TAG_PATTERN, 'A pattern is 1 to 128 letters, digits, `.`, `_`, `-` or `*` wildcards, e.g. sha256-*.');
    }
    const repository = new ecr.Repository(this, 'Repository', {
      repositoryName: this.repositoryName,
      imageTagMutability: mutableTagPatterns.length > 0 ? ecr.TagMutability.IMMUTABLE_WITH_EXCLUSION : ecr.TagMutability.IMMUTABLE,
      imageTagMutabilityExclusionFilters: mutableTagPatterns.length > 0
        ? mutableTagPatterns.map((p) => ecr.ImageTagMutabilityExclusionFilter.wildcard(p))
        : undefined,
      imageScanOnPush: props.scanOnPush ?? true,
      encryption: props.encryptionKey ? ecr.RepositoryEncryption.KMS : ecr.RepositoryEncryption.AES_256,
      encryptionKey: props.encryptionKey,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      lifecycleRules,
    });
    this.repository = repository;

    const pullers: iam.IPrincipal[] = pullAccounts.map((a) => new iam.AccountPrincipal(a));
    if (pullers.length > 0) {
      repository.addToResourcePolicy(new iam.PolicyStatement({ sid: 'CrossAccountPull', principals: pullers, actions: PULL_ACTIONS }));
    }
    if (props.pullOrganizationId) {
      repository.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'OrganizationPull',
        principals: [new iam.AnyPrincipal()],
        actions: PULL_ACTIONS,
        conditions: { StringEquals: { 'aws:PrincipalOrgID': props.pullOrganizationId } },
      }));
    }
    const pushers = [...pushAccounts.map((a) => new iam.AccountPrincipal(a)), ...(props.pushPrincipals ?? [])];
    if (pushers.length > 0) {
      repository.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'CrossAccountPush',
        principals: pushers,
        actions: [...PULL_ACTIONS, ...PUSH_ACTIONS],
      }));
    }
    if (lambdaPullAccounts.length > 0) {
      const partition = Stack.of(this).partition;
      repository.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'LambdaPull',
        principals: [new iam.ServicePrincipal('lambda.amazonaws.com')],
        actions: LAMBDA_PULL_ACTIONS,
        conditions: {
          StringLike: { 'aws:sourceArn': lambdaPullAccounts.map((a) => `arn:${partition}:lambda:*:${a}:function:*`) },
        },
      }));
    }
    // Cross-account pulls of a CMK-encrypted repository decrypt layers through ECR.
    for (const principal of [...pullers, ...pushers]) {
      props.encryptionKey?.grantDecrypt(principal);
    }
  }

  /**
   * A repository policy naming the registry's own account would let every
   * principal of that account whose IAM policy allows it pull or push, which
   * is how same-account access already works: it grants nothing new, and
   * hides that in-account access is governed by IAM.
   */
  private rejectOwnAccount(prop: string, accounts: string[]): void {
    const own = Stack.of(this).account;
    if (!Token.isUnresolved(own) && accounts.includes(own)) {
      throw invalidProp(this, prop, `${own} is the registry's own account`,
        'List other accounts only; principals of the registry account get access through their IAM policies, e.g. `grantPull()`/`grantPush()`.');
    }
  }

  /** The image URI for a tag, e.g. a git SHA. */
  public uriForTag(tag: string): string {
    assertMatches(this, 'tag', tag, TAG, 'An image tag is 1 to 128 letters, digits, `_`, `.` or `-`, not starting with `.` or `-`.');
    return this.repository.repositoryUriForTag(tag);
  }

  /** The image URI for a digest (`sha256:<64 hex>`). */
  public uriForDigest(digest: string): string {
    assertMatches(this, 'digest', digest, DIGEST, 'A digest is `sha256:` followed by 64 lowercase hex digits.');
    return this.repository.repositoryUriForDigest(digest);
  }

  /** Lets an in-account principal pull images (and read the authorization token). */
  public grantPull(grantee: iam.IGrantable): iam.Grant {
    return this.repository.grantPull(grantee);
  }

  /** Lets an in-account principal push and pull images. */
  public grantPush(grantee: iam.IGrantable): iam.Grant {
    return this.repository.grantPullPush(grantee);
  }
}
