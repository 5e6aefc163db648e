import { App, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { GlimpseStandardsChecks } from '../../../src/compliance';
import { isPinnedImage } from '../../../src/compliance/rules/container-image-pinned';
import { glimpseFindings, ruleFindings } from '../glimpse-findings';
import { cluster, DIGEST, fargateTask, REGISTRY, SHA, taskRole } from './fixtures';

describe('Glimpse-ContainerImagePinned', () => {
  test.each([
    [`${REGISTRY}:${SHA}`],
    [`${REGISTRY}:prod-${SHA}`],
    [`${REGISTRY}:4f3ebae`],
    [`${REGISTRY}@${DIGEST}`],
    [`localhost:5000/app:${SHA}`],
  ])('pinned: %s', (image) => expect(isPinnedImage(image)).toBe(true));

  test.each([
    [`${REGISTRY}:latest`],
    [REGISTRY],
    ['localhost:5000/app'],
    [`${REGISTRY}:v1.2.3`],
    [`${REGISTRY}:main`],
  ])('not pinned: %s', (image) => expect(isPinnedImage(image)).toBe(false));

  test('compliant: an ECR repository image by SHA tag (a token URI)', () => {
    const findings = glimpseFindings((stack) => {
      const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'tracker/api');
      const task = new ecs.FargateTaskDefinition(stack, 'Task', { cpu: 256, memoryLimitMiB: 512 });
      task.addContainer('app', { image: ecs.ContainerImage.fromEcrRepository(repo, SHA) });
      task.addContainer('sidecar', { image: ecs.ContainerImage.fromEcrRepository(repo, DIGEST) });
    });
    expect(ruleFindings(findings, 'ContainerImagePinned')).toEqual([]);
  });

  test('non-compliant: latest and untagged images, one finding per container', () => {
    const findings = glimpseFindings((stack) => {
      const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'tracker/api');
      const task = new ecs.FargateTaskDefinition(stack, 'Task', { cpu: 256, memoryLimitMiB: 512 });
      task.addContainer('app', { image: ecs.ContainerImage.fromEcrRepository(repo) });
      task.addContainer('proxy', { image: ecs.ContainerImage.fromRegistry('nginx') });
      task.addContainer('pinned', { image: ecs.ContainerImage.fromRegistry(`nginx@${DIGEST}`) });
    });
    expect(ruleFindings(findings, 'ContainerImagePinned')).toEqual([
      'Glimpse-ContainerImagePinned[app] Test/Task/Resource',
      'Glimpse-ContainerImagePinned[proxy] Test/Task/Resource',
    ]);
  });
});

describe('Glimpse-TaskDefinitionExplicitSize', () => {
  test('compliant: Fargate task cpu/memory, or cpu and memory on every EC2 container', () => {
    const findings = glimpseFindings((stack) => {
      fargateTask(stack, 'Fargate', `${REGISTRY}:${SHA}`);
      const ec2Task = new ecs.Ec2TaskDefinition(stack, 'Ec2');
      ec2Task.addContainer('app', { image: ecs.ContainerImage.fromRegistry(`${REGISTRY}:${SHA}`), cpu: 256, memoryReservationMiB: 256 });
    });
    expect(ruleFindings(findings, 'TaskDefinitionExplicitSize')).toEqual([]);
  });

  test('non-compliant: an EC2 task whose container has no cpu', () => {
    const findings = glimpseFindings((stack) => {
      const ec2Task = new ecs.Ec2TaskDefinition(stack, 'Ec2');
      ec2Task.addContainer('app', { image: ecs.ContainerImage.fromRegistry(`${REGISTRY}:${SHA}`), memoryLimitMiB: 512 });
    });
    expect(ruleFindings(findings, 'TaskDefinitionExplicitSize')).toEqual(['Glimpse-TaskDefinitionExplicitSize Test/Ec2/Resource']);
  });
});

describe('Glimpse-ServiceTagPropagation', () => {
  test('compliant: propagate from the task definition, ECS managed tags on', () => {
    const findings = glimpseFindings((stack) => {
      new ecs.FargateService(stack, 'Service', {
        cluster: cluster(stack),
        taskDefinition: fargateTask(stack, 'Task', `${REGISTRY}:${SHA}`),
        propagateTags: ecs.PropagatedTagSource.TASK_DEFINITION,
        enableECSManagedTags: true,
      });
    });
    expect(ruleFindings(findings, 'ServiceTagPropagation')).toEqual([]);
  });

  test('non-compliant: CDK defaults, one finding per setting', () => {
    const findings = glimpseFindings((stack) => {
      new ecs.FargateService(stack, 'Service', { cluster: cluster(stack), taskDefinition: fargateTask(stack, 'Task', `${REGISTRY}:${SHA}`) });
    });
    expect(ruleFindings(findings, 'ServiceTagPropagation')).toEqual([
      'Glimpse-ServiceTagPropagation[PropagateTags] Test/Service/Service',
      'Glimpse-ServiceTagPropagation[EnableECSManagedTags] Test/Service/Service',
    ]);
  });
});

describe('Glimpse-WebServiceNotOnSpot', () => {
  function webService(spot: boolean, withLoadBalancer = true) {
    return glimpseFindings((stack) => {
      const c = cluster(stack);
      c.enableFargateCapacityProviders();
      const service = new ecs.FargateService(stack, 'Service', {
        cluster: c,
        taskDefinition: fargateTask(stack, 'Task', `${REGISTRY}:${SHA}`),
        capacityProviderStrategies: [{ capacityProvider: spot ? 'FARGATE_SPOT' : 'FARGATE', weight: 1 }],
      });
      if (withLoadBalancer) {
        const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc: c.vpc });
        alb.addListener('Http', { port: 80 }).addTargets('Service', { port: 80, targets: [service] });
      }
    });
  }

  test('compliant: a web service on Fargate', () => {
    expect(ruleFindings(webService(false), 'WebServiceNotOnSpot')).toEqual([]);
  });

  test('not applicable: a worker (no load balancer) on Fargate Spot', () => {
    expect(ruleFindings(webService(true, false), 'WebServiceNotOnSpot')).toEqual([]);
  });

  test('non-compliant: a web service on Fargate Spot', () => {
    expect(ruleFindings(webService(true), 'WebServiceNotOnSpot')).toEqual(['Glimpse-WebServiceNotOnSpot Test/Service/Service']);
  });

  test('non-compliant: a web service inheriting a Spot default strategy from its cluster', () => {
    const findings = glimpseFindings((stack) => {
      const c = cluster(stack);
      c.enableFargateCapacityProviders();
      c.addDefaultCapacityProviderStrategy([{ capacityProvider: 'FARGATE_SPOT', weight: 1 }]);
      const service = new ecs.CfnService(stack, 'Service', {
        cluster: c.clusterName,
        taskDefinition: fargateTask(stack, 'Task', `${REGISTRY}:${SHA}`).taskDefinitionArn,
        loadBalancers: [{ containerName: 'app', containerPort: 80, targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-2:111111111111:targetgroup/t/1' }],
      });
      service.node.addDependency(c);
    });
    expect(ruleFindings(findings, 'WebServiceNotOnSpot')).toEqual(['Glimpse-WebServiceNotOnSpot Test/Service']);
  });
});

describe('Glimpse-ServiceDedicatedRoles', () => {
  test('compliant: each service has its own task and execution roles', () => {
    const findings = glimpseFindings((stack) => {
      const c = cluster(stack);
      for (const name of ['Api', 'Worker']) {
        const task = fargateTask(stack, `${name}Task`, `${REGISTRY}:${SHA}`, {
          taskRole: taskRole(stack, `${name}TaskRole`), executionRole: taskRole(stack, `${name}ExecutionRole`),
        });
        new ecs.FargateService(stack, name, { cluster: c, taskDefinition: task });
      }
    });
    expect(ruleFindings(findings, 'ServiceDedicatedRoles')).toEqual([]);
  });

  test('non-compliant: two services share roles, and one role is both task and execution role', () => {
    const findings = glimpseFindings((stack) => {
      const c = cluster(stack);
      const shared = taskRole(stack, 'SharedRole');
      const api = fargateTask(stack, 'ApiTask', `${REGISTRY}:${SHA}`, { taskRole: shared, executionRole: taskRole(stack, 'ApiExec') });
      const worker = fargateTask(stack, 'WorkerTask', `${REGISTRY}:${SHA}`, { taskRole: shared, executionRole: shared });
      new ecs.FargateService(stack, 'Api', { cluster: c, taskDefinition: api });
      new ecs.FargateService(stack, 'Worker', { cluster: c, taskDefinition: worker });
    });
    expect(ruleFindings(findings, 'ServiceDedicatedRoles')).toEqual([
      'Glimpse-ServiceDedicatedRoles[TaskRoleShared] Test/Api/Service',
      'Glimpse-ServiceDedicatedRoles[TaskRoleShared] Test/Worker/Service',
      'Glimpse-ServiceDedicatedRoles[SameTaskAndExecutionRole] Test/Worker/Service',
      'Glimpse-ServiceDedicatedRoles[ExecutionRoleShared] Test/Worker/Service',
    ]);
  });

  test('a second validation of a changed tree sees the new service (the stack index lives for one validation)', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'eu-west-2' } });
    const c = cluster(stack);
    const shared = taskRole(stack, 'SharedRole');
    const service = (name: string) => new ecs.FargateService(stack, name, {
      cluster: c, taskDefinition: fargateTask(stack, `${name}Task`, `${REGISTRY}:${SHA}`, { taskRole: shared, executionRole: taskRole(stack, `${name}Exec`) }),
    });
    const pack = new GlimpseStandardsChecks();
    const findings = () => pack.validateScope(app).violations
      .filter((v) => v.ruleName.startsWith('Glimpse-ServiceDedicatedRoles'))
      .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`));
    service('Api');
    expect(findings()).toEqual([]);
    service('Worker');
    expect(findings()).toEqual([
      'Glimpse-ServiceDedicatedRoles[TaskRoleShared] Test/Api/Service',
      'Glimpse-ServiceDedicatedRoles[TaskRoleShared] Test/Worker/Service',
    ]);
  });

  test('non-compliant: no execution role', () => {
    const findings = glimpseFindings((stack) => {
      new ecs.FargateService(stack, 'Api', { cluster: cluster(stack), taskDefinition: fargateTask(stack, 'Task', `${REGISTRY}:${SHA}`) });
    });
    expect(ruleFindings(findings, 'ServiceDedicatedRoles')).toEqual(['Glimpse-ServiceDedicatedRoles[ExecutionRoleMissing] Test/Api/Service']);
  });
});
