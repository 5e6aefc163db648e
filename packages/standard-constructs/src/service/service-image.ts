import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { IConstruct } from 'constructs';
import { IMAGE_DIGEST, PIN_FIX, PINNED_TAG } from '../internal/image-pin';
import { assertMatches, invalidProp } from '../internal/validation';

/** What a `ServiceImage` resolves to when a service uses it. */
export interface ServiceImageConfig {
  /** The container image, pinned. */
  readonly containerImage: ecs.ContainerImage;
  /** The pinned tag or digest, recorded in the task definition's `ImageVersion` tag. */
  readonly version: string;
  /**
   * The ECR repository the image comes from.
   * @default - not from ECR
   */
  readonly repository?: ecr.IRepository;
}

/**
 * A container image pinned to a git-SHA tag or a digest (partner check ECS-004: one-to-one
 * mapping from code to image to task definition revision). Mutable or empty
 * tags are rejected at synth time.
 */
export abstract class ServiceImage {
  /**
   * An image in an ECR repository (e.g. a `SharedEcrRepo`), by git-SHA tag or
   * `sha256:` digest. The service's execution role may pull from this
   * repository only.
   */
  public static fromRepository(repository: ecr.IRepository, tagOrDigest: string): ServiceImage {
    return new RepositoryImage(repository, tagOrDigest);
  }

  /**
   * An image from any registry, e.g. `public.ecr.aws/nginx/nginx`, by digest.
   * @param imageName the image name without tag or digest
   * @param digest `sha256:` followed by 64 hex digits
   */
  public static fromRegistryDigest(imageName: string, digest: string): ServiceImage {
    return new RegistryDigestImage(imageName, digest);
  }

  /** Validates the pin and returns the container image. */
  public abstract bind(scope: IConstruct): ServiceImageConfig;
}

class RepositoryImage extends ServiceImage {
  constructor(private readonly repository: ecr.IRepository, private readonly tagOrDigest: string) {
    super();
  }

  public bind(scope: IConstruct): ServiceImageConfig {
    const pin = this.tagOrDigest ?? '';
    if (!pin.startsWith('sha256:')) {
      assertMatches(scope, 'image', pin, PINNED_TAG, PIN_FIX);
    } else {
      assertMatches(scope, 'image', pin, IMAGE_DIGEST, PIN_FIX);
    }
    return { containerImage: ecs.ContainerImage.fromEcrRepository(this.repository, pin), version: pin, repository: this.repository };
  }
}

class RegistryDigestImage extends ServiceImage {
  constructor(private readonly imageName: string, private readonly digest: string) {
    super();
  }

  public bind(scope: IConstruct): ServiceImageConfig {
    const name = this.imageName ?? '';
    const lastSegment = name.split('/').pop() ?? '';
    if (name === '' || name.includes('@') || lastSegment.includes(':')) {
      throw invalidProp(scope, 'image', `got image name '${name}'`,
        'Pass the image name without a tag or digest (e.g. public.ecr.aws/nginx/nginx) and the digest separately.');
    }
    assertMatches(scope, 'image', this.digest ?? '', IMAGE_DIGEST, PIN_FIX);
    return { containerImage: ecs.ContainerImage.fromRegistry(`${name}@${this.digest}`), version: this.digest };
  }
}
