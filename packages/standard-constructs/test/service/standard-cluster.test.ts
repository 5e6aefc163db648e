import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { StandardCluster } from '../../src/service';
import { nagFindings } from '../nag';

function cluster(stack: Stack) {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-12345678', availabilityZones: ['eu-west-2a', 'eu-west-2b'], privateSubnetIds: ['subnet-1', 'subnet-2'],
  });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  return new StandardCluster(stack, 'Cluster', { vpc, encryptionKey: key, projectName: 'tracker-restapi', environmentName: 'staging' });
}

describe('StandardCluster', () => {
  const stack = new Stack(new App(), 'S');
  cluster(stack);
  const template = Template.fromStack(stack);

  test('Container Insights enhanced, named per project and environment', () => {
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterName: 'tracker-restapi-staging',
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enhanced' }],
    });
  });

  test('ECS Exec encrypted with the key and logged to an encrypted, retained log group', () => {
    template.hasResourceProperties('AWS::ECS::Cluster', {
      Configuration: {
        ExecuteCommandConfiguration: {
          KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
          Logging: 'OVERRIDE',
          LogConfiguration: { CloudWatchEncryptionEnabled: true, CloudWatchLogGroupName: { Ref: Match.stringLikeRegexp('^ClusterExecLogGroup') } },
        },
      },
    });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: '/aws/ecs/tracker-restapi-staging/execute-command',
        RetentionInDays: 365,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('the key lets CloudWatch Logs encrypt only that log group', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
          Condition: {
            ArnEquals: {
              'kms:EncryptionContext:aws:logs:arn': {
                'Fn::Join': ['', Match.arrayWith([':log-group:/aws/ecs/tracker-restapi-staging/execute-command'])],
              },
            },
          },
        })]),
      },
    });
  });

  test('FARGATE and FARGATE_SPOT capacity providers', () => {
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
      CapacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    });
  });
});

test('invalid project name', () => {
  const stack = new Stack();
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['a'] });
  expect(() => new StandardCluster(stack, 'C', { vpc, encryptionKey: new kms.Key(stack, 'K'), projectName: 'Tracker', environmentName: 'staging' }))
    .toThrow(/invalid `projectName`: got 'Tracker'/);
});

test('invalid environment name', () => {
  const stack = new Stack();
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['a'] });
  expect(() => new StandardCluster(stack, 'C', { vpc, encryptionKey: new kms.Key(stack, 'K'), projectName: 'tracker', environmentName: 'Staging' }))
    .toThrow(/invalid `environmentName`: got 'Staging'/);
});

test('cdk-nag: no findings', () => {
  expect(nagFindings((s) => cluster(s))).toEqual([]);
});
