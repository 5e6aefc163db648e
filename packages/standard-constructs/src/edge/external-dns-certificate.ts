import { CfnOutput } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeSdkCallFunction } from './sdk-call-acknowledgements';
import { assertMatches } from '../internal/validation';

/** Properties of an `ExternalDnsCertificate`. */
export interface ExternalDnsCertificateProps {
  /** The public host name, e.g. `tracker.staging.glimpse.technology`. */
  readonly domainName: string;
  /**
   * Further names the certificate covers.
   * @default - none
   */
  readonly subjectAlternativeNames?: string[];
  /**
   * Publishes each name's validation CNAME as stack outputs
   * (`<name>ValidationRecordName`/`Value`) through a custom resource that reads the issued certificate.
   * @default true
   */
  readonly outputValidationRecords?: boolean;
}

/** A DNS name: labels of letters, digits and hyphens, optionally a leading `*.`. */
const DOMAIN_NAME = /^(\*\.)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/**
 * A public ACM certificate validated through DNS in a zone that is not in
 * Route 53 (e.g. Cloudflare). ACM keeps renewing it as long as the
 * validation CNAMEs stay in the zone, so they are published as stack
 * outputs for the DNS pipeline; on the first deployment CloudFormation waits
 * for validation and shows the CNAME in the stack events.
 */
export class ExternalDnsCertificate extends Construct {
  /** The certificate. */
  public readonly certificate: acm.Certificate;
  /** The stack outputs holding the validation records, name then value for each domain. */
  public readonly validationRecordOutputs: CfnOutput[] = [];

  constructor(scope: Construct, id: string, props: ExternalDnsCertificateProps) {
    super(scope, id);
    const names = [props.domainName, ...(props.subjectAlternativeNames ?? [])];
    const fix = 'Give a fully qualified DNS name such as tracker.staging.glimpse.technology (a leading *. is allowed).';
    assertMatches(this, 'domainName', props.domainName, DOMAIN_NAME, fix);
    for (const name of props.subjectAlternativeNames ?? []) {
      assertMatches(this, 'subjectAlternativeNames', name, DOMAIN_NAME, fix);
    }

    this.certificate = new acm.Certificate(this, 'Certificate', {
      domainName: props.domainName,
      subjectAlternativeNames: props.subjectAlternativeNames,
      validation: acm.CertificateValidation.fromDns(),
    });
    if (props.outputValidationRecords ?? true) this.outputValidationRecords(names);
  }

  private outputValidationRecords(names: string[]): void {
    const certificateArn = this.certificate.certificateArn;
    const recordPath = (i: number, field: string) => `Certificate.DomainValidationOptions.${i}.ResourceRecord.${field}`;
    const call: cr.AwsSdkCall = {
      service: 'ACM',
      action: 'describeCertificate',
      parameters: { CertificateArn: certificateArn },
      physicalResourceId: cr.PhysicalResourceId.of(certificateArn),
      outputPaths: names.flatMap((_, i) => [recordPath(i, 'Name'), recordPath(i, 'Value')]),
    };
    const records = new cr.AwsCustomResource(this, 'ValidationRecords', {
      onCreate: call,
      onUpdate: call,
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [certificateArn] }),
      installLatestAwsSdk: false,
    });
    acknowledgeSdkCallFunction(this, records);
    names.forEach((name, i) => {
      for (const field of ['Name', 'Value']) {
        this.validationRecordOutputs.push(new CfnOutput(this, `ValidationRecord${i + 1}${field}`, {
          description: `CNAME ${field.toLowerCase()} that validates ${name}; keep it in the DNS zone so ACM can renew`,
          value: records.getResponseField(recordPath(i, field)),
        }));
      }
    });
  }
}
