import { CfnDeletionPolicy, CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { GlimpseRule } from '../private/rule';

/** Resource types that hold data or identity that a stack deletion must not destroy. */
export const STATEFUL_RESOURCE_TYPES = [
  'AWS::Backup::BackupVault',
  'AWS::Cognito::UserPool',
  'AWS::DocDB::DBCluster',
  'AWS::DynamoDB::GlobalTable',
  'AWS::DynamoDB::Table',
  'AWS::EC2::Volume',
  'AWS::ECR::Repository',
  'AWS::EFS::FileSystem',
  'AWS::ElastiCache::CacheCluster',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::KMS::Key',
  'AWS::Logs::LogGroup',
  'AWS::Neptune::DBCluster',
  'AWS::OpenSearchService::Domain',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBInstance',
  'AWS::S3::Bucket',
  'AWS::SecretsManager::Secret',
];

const KEEPING_POLICIES: string[] = [CfnDeletionPolicy.RETAIN, CfnDeletionPolicy.SNAPSHOT, CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE];

/** Stateful resources have a Retain or Snapshot deletion policy (RemovalPolicy.RETAIN / SNAPSHOT). */
export const StatefulResourceRetained: GlimpseRule = {
  id: 'StatefulResourceRetained',
  info: 'The stateful resource would be deleted with its stack or on replacement (DeletionPolicy is not Retain or Snapshot).',
  explanation: 'Deleting a stack, or a change that replaces the resource, must never destroy data, keys, secrets or images '
    + '(a database host replaced for a new AMI must not take its data with it). Use removalPolicy: RemovalPolicy.RETAIN (or SNAPSHOT where supported).',
  level: NagMessageLevel.ERROR,
  check: (node: CfnResource): NagRuleResult => {
    if (!STATEFUL_RESOURCE_TYPES.includes(node.cfnResourceType)) return NagRuleCompliance.NOT_APPLICABLE;
    const policy = node.cfnOptions.deletionPolicy;
    return policy !== undefined && KEEPING_POLICIES.includes(policy) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
