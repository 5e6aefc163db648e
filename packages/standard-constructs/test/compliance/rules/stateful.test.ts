import { RemovalPolicy, Size } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { glimpseFindings, ruleFindings } from '../glimpse-findings';

describe('Glimpse-StatefulResourceRetained', () => {
  test('compliant: retained and snapshotted stateful resources; stateless ones are not checked', () => {
    const findings = glimpseFindings((stack) => {
      new s3.Bucket(stack, 'Bucket', { removalPolicy: RemovalPolicy.RETAIN });
      new kms.Key(stack, 'Key', { removalPolicy: RemovalPolicy.RETAIN });
      new secretsmanager.Secret(stack, 'Secret', { removalPolicy: RemovalPolicy.RETAIN });
      new ec2.Volume(stack, 'Data', { availabilityZone: 'eu-west-2a', size: Size.gibibytes(10), removalPolicy: RemovalPolicy.SNAPSHOT });
      new sqs.Queue(stack, 'Queue', { removalPolicy: RemovalPolicy.DESTROY });
    });
    expect(ruleFindings(findings, 'StatefulResourceRetained')).toEqual([]);
  });

  test('non-compliant: destroyed with the stack', () => {
    const findings = glimpseFindings((stack) => {
      new s3.Bucket(stack, 'Bucket', { removalPolicy: RemovalPolicy.DESTROY });
      new dynamodb.Table(stack, 'Table', {
        partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, removalPolicy: RemovalPolicy.DESTROY,
      });
    });
    expect(ruleFindings(findings, 'StatefulResourceRetained')).toEqual([
      'Glimpse-StatefulResourceRetained Test/Bucket/Resource',
      'Glimpse-StatefulResourceRetained Test/Table/Resource',
    ]);
  });
});
