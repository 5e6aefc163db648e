import { Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { importedVpc } from '../../imported-vpc';

export const SHA = '4f3ebae951a368bda79d84632a831a4f266b1bed';
export const DIGEST = `sha256:${'a'.repeat(64)}`;
export const REGISTRY = '636728427214.dkr.ecr.eu-west-2.amazonaws.com/tracker/api';

/** A cluster in an imported two-AZ VPC (no lookups, no VPC resources to check). */
export function cluster(stack: Stack): ecs.Cluster {
  const vpc = importedVpc(stack);
  return new ecs.Cluster(stack, 'Cluster', { vpc });
}

/** A Fargate task definition with one container of `image`. */
export function fargateTask(stack: Stack, id: string, image: string, props: Partial<ecs.FargateTaskDefinitionProps> = {}): ecs.FargateTaskDefinition {
  const task = new ecs.FargateTaskDefinition(stack, id, { cpu: 256, memoryLimitMiB: 512, ...props });
  task.addContainer('app', { image: ecs.ContainerImage.fromRegistry(image), portMappings: [{ containerPort: 80 }] });
  return task;
}

/** An IAM role ECS tasks can assume. */
export function taskRole(stack: Stack, id: string): iam.Role {
  return new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
}
