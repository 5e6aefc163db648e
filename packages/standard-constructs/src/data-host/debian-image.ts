import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/** The AWS account that publishes Debian's official AMIs. */
export const DEBIAN_AMI_OWNER = '136693071363';

/** Properties of a `DebianBookwormImage`. */
export interface DebianBookwormImageProps {
  /**
   * The AMI name of the release the ids belong to, e.g.
   * `debian-12-amd64-20250316-2053`: recorded so that a reviewer can check
   * the ids and see what an update changes. Its architecture part decides
   * the image's architecture.
   */
  readonly release: string;
  /**
   * The AMI id of that release in each region the image is used in,
   * e.g. `{ 'eu-west-2': 'ami-0123456789abcdef0' }`. Find them with
   * `aws ec2 describe-images --region <region> --owners 136693071363
   * --filters Name=name,Values=<release>` or on
   * https://wiki.debian.org/Cloud/AmazonEC2Image/Bookworm.
   */
  readonly amiIds: { [region: string]: string };
}

const RELEASE = /^debian-12-(amd64|arm64)-\d{8}-\d{4}$/;
const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * A Debian 12 (bookworm) image pinned by explicit AMI ids per region, never
 * resolved to "the latest" at deploy time: a newer AMI would replace the
 * instance and, with data on the root volume, destroy the database. Updating is a deliberate, reviewed change of
 * `release` and `amiIds`; a running host keeps its AMI and is patched in
 * place with `apt-get upgrade` instead.
 */
export class DebianBookwormImage implements ec2.IMachineImage {
  /** The release the ids belong to. */
  public readonly release: string;
  /** The architecture of the release. */
  public readonly architecture: ec2.InstanceArchitecture;
  private readonly image: ec2.IMachineImage;

  constructor(props: DebianBookwormImageProps) {
    const match = RELEASE.exec(props.release);
    if (!match) {
      throw new Error(`DebianBookwormImage: invalid \`release\`: got '${props.release}'. `
        + 'Give the Debian AMI name, e.g. debian-12-amd64-20250316-2053.');
    }
    const regions = Object.keys(props.amiIds);
    if (regions.length === 0) {
      throw new Error('DebianBookwormImage: invalid `amiIds`: no region given. Give the AMI id of each region, e.g. { \'eu-west-2\': \'ami-…\' }.');
    }
    for (const region of regions) {
      if (!AMI_ID.test(props.amiIds[region])) {
        throw new Error(`DebianBookwormImage: invalid \`amiIds\`: got '${props.amiIds[region]}' for ${region}. `
          + 'An AMI id is ami- followed by 8 or 17 hex digits.');
      }
    }
    this.release = props.release;
    this.architecture = match[1] === 'arm64' ? ec2.InstanceArchitecture.ARM_64 : ec2.InstanceArchitecture.X86_64;
    this.image = ec2.MachineImage.genericLinux({ ...props.amiIds });
  }

  /** Returns the AMI id of the stack's region; an unknown region fails synthesis. */
  public getImage(scope: Construct): ec2.MachineImageConfig {
    return this.image.getImage(scope);
  }
}
