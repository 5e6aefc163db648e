import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { BootstrapFiles } from './bootstrap-files';
import { HostStateParameters } from './host-state-parameters';
import { acknowledge } from '../internal/acknowledge';
import { ManagedPolicyRole } from '../internal/managed-policy-role';
import { iam5ResourceFinding } from '../internal/nag-findings';

/** The instance role: the SSM agent's managed policy plus exactly what the bootstrap and the agents use. */
export function createHostRole(host: Construct, name: string): ManagedPolicyRole {
  const role = new ManagedPolicyRole(host, 'Role', {
    assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    description: `${name} data host instance role`,
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
  });
  acknowledge(role, ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]'],
    'The SSM agent\'s own permissions (Session Manager and Run Command instead of SSH), maintained by AWS as the agent changes.');
  return role;
}

/** What the host reads and writes. */
export interface HostPermissions {
  readonly secrets: secretsmanager.ISecret[];
  readonly files: BootstrapFiles;
  readonly state: HostStateParameters;
  readonly logGroup: logs.ILogGroup;
  readonly metricsNamespace: string;
}

/** Grants the bootstrap and the agents exactly what they use, and nothing else. */
export function grantHostPermissions(role: ManagedPolicyRole, p: HostPermissions): void {
  for (const secret of p.secrets) {
    secret.grantRead(role);
  }
  const parameters: ssm.IStringParameter[] = [p.files.config, p.state.initMarker, p.state.caCertificate];
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['ssm:GetParameter'], resources: parameters.map((parameter) => parameter.parameterArn),
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['ssm:PutParameter'], resources: [p.state.initMarker.parameterArn, p.state.caCertificate.parameterArn],
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['s3:GetObject'], resources: [p.files.script.bucket.arnForObjects(p.files.script.s3ObjectKey)],
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['cloudformation:SignalResource'], resources: [Aws.STACK_ID],
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], resources: [p.logGroup.logGroupArn],
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['cloudwatch:PutMetricData'],
    resources: ['*'],
    conditions: { StringEquals: { 'cloudwatch:namespace': p.metricsNamespace } },
  }));
  acknowledge(role.node.findChild('Policy'), [iam5ResourceFinding(role, '*')],
    'cloudwatch:PutMetricData has no resource-level permissions; the statement is limited to the agent\'s namespace by condition.');
}
