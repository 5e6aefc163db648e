import { Annotations, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { acknowledge } from '../internal/acknowledge';
import { iam5ResourceFinding } from '../internal/nag-findings';

/** Warns when exec sessions would go unlogged: the cluster has no execute-command configuration. */
export function warnIfExecUnlogged(scope: IConstruct, cluster: ecs.ICluster): void {
  if (cluster.executeCommandConfiguration) return;
  Annotations.of(scope).addWarningV2('@glimpse/standard-constructs:execWithoutLogging',
    'ECS Exec is enabled but the cluster has no execute-command configuration: sessions are not logged. Use a StandardCluster.');
}

/** Acknowledges ECS Exec's permissions, which IAM cannot scope further. */
export function acknowledgeExecPermissions(scope: IConstruct, cluster: ecs.ICluster, execPolicy: iam.ManagedPolicy): void {
  acknowledge(execPolicy, ['AwsSolutions-IAM5[Resource::*]'],
    'ECS Exec: the ssmmessages channel actions and logs:DescribeLogGroups support no resource-level permissions.');
  const execLogGroup = cluster.executeCommandConfiguration?.logConfiguration?.cloudWatchLogGroup;
  if (!execLogGroup) return;
  // The ARN FargateService grants: the streams of the cluster's exec log group.
  const stack = Stack.of(scope);
  const streams = `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:${execLogGroup.logGroupRef.logGroupName}:*`;
  acknowledge(execPolicy, [iam5ResourceFinding(scope, streams)],
    'ECS Exec creates and writes its session log streams in the cluster exec log group only.');
}
