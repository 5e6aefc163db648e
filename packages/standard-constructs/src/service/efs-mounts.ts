import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { EfsMount } from './worker-options';

/** Where EFS mounts go: the task, its container, the role that mounts and the tasks' security group. */
export interface EfsMountTarget {
  readonly taskDefinition: ecs.TaskDefinition;
  readonly container: ecs.ContainerDefinition;
  readonly taskRole: iam.IRole;
  readonly securityGroup: ec2.ISecurityGroup;
}

/** Mounts each access point over TLS, authorised by the task role through that access point only. */
export function addEfsMounts(scope: IConstruct, target: EfsMountTarget, mounts: EfsMount[]): void {
  mounts.forEach((mount, index) => {
    const volumeName = `efs-${index + 1}`;
    target.taskDefinition.addVolume({
      name: volumeName,
      efsVolumeConfiguration: {
        fileSystemId: mount.fileSystem.fileSystemId,
        transitEncryption: 'ENABLED',
        authorizationConfig: { accessPointId: mount.accessPoint.accessPointId, iam: 'ENABLED' },
      },
    });
    target.container.addMountPoints({ sourceVolume: volumeName, containerPath: mount.containerPath, readOnly: mount.readOnly ?? false });
    target.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: mount.readOnly ? ['elasticfilesystem:ClientMount'] : ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      resources: [mount.fileSystem.fileSystemArn],
      conditions: { StringEquals: { 'elasticfilesystem:AccessPointArn': mount.accessPoint.accessPointArn } },
    }));
    mount.fileSystem.connections.allowDefaultPortFrom(target.securityGroup, `${scope.node.path} mounts EFS`);
  });
}
