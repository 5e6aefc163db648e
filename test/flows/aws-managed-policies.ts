/**
 * The AWS managed policies our roles attach, as AWS publishes them (IAM
 * console, policy version of 2024): the evaluator needs their statements,
 * and they are not in any template. A role attaching another managed policy
 * gets no permissions from it here, so a flow relying on it fails loudly.
 */
export const AWS_MANAGED_POLICIES: Record<string, object> = {
  'service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  },
  'AmazonSSMManagedInstanceCore': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'ssm:DescribeAssociation', 'ssm:GetDeployablePatchSnapshotForInstance', 'ssm:GetDocument', 'ssm:DescribeDocument',
          'ssm:GetManifest', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:ListAssociations', 'ssm:ListInstanceAssociations',
          'ssm:PutInventory', 'ssm:PutComplianceItems', 'ssm:PutConfigurePackageResult', 'ssm:UpdateAssociationStatus',
          'ssm:UpdateInstanceAssociationStatus', 'ssm:UpdateInstanceInformation',
        ],
        Resource: '*',
      },
      { Effect: 'Allow', Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'], Resource: '*' },
      { Effect: 'Allow', Action: ['ec2messages:AcknowledgeMessage', 'ec2messages:DeleteMessage', 'ec2messages:FailMessage', 'ec2messages:GetEndpoint', 'ec2messages:GetMessages', 'ec2messages:SendReply'], Resource: '*' },
    ],
  },
};
