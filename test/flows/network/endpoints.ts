/**
 * The network endpoints of a stack (load balancers, ECS services, hosts, EFS
 * mount targets, interface endpoints) and what each one declares it talks
 * to: a load balancer its targets, a task its EFS volumes and every
 * `<NAME>_HOST|SERVER` + `<NAME>_PORT` pair or `http://host:port` URL in its
 * environment (a host of the stack, a Cloud Map name, or a peered network).
 */
import { CfnResource } from '../intrinsics';
import { LoadedStack } from '../templates';
import { Endpoint } from './security-groups';

export interface ServiceEndpoint extends Endpoint {
  readonly logicalId: string;
  readonly ports: number[];
  readonly environment: Record<string, string>;
  readonly fileSystems: string[];
  readonly targetPorts: number[];
  readonly cloudMapNames: string[];
}

export interface StackNetwork {
  readonly stack: LoadedStack;
  readonly loadBalancers: Endpoint[];
  readonly services: ServiceEndpoint[];
  readonly hosts: Array<Endpoint & { logicalId: string }>;
  /** EFS mount targets by file system id. */
  readonly mountTargets: Map<string, Endpoint[]>;
  readonly others: Endpoint[];
  /** Destinations routed through a VPC peering connection. */
  readonly peeredCidrs: string[];
}

function ranges(stack: LoadedStack, subnetIds: string[], vpcId?: string): string[] {
  const subnets = stack.resources('AWS::EC2::Subnet');
  const found = subnetIds.map((id) => subnets.find(([sid]) => stack.resolver.ref(sid) === id));
  if (found.length && found.every(Boolean)) return found.map((s) => stack.resolver.str(s![1].Properties!.CidrBlock));
  const vpc = stack.resources('AWS::EC2::VPC').find(([vid]) => !vpcId || stack.resolver.ref(vid) === vpcId) ?? stack.resources('AWS::EC2::VPC')[0];
  if (!vpc) throw new Error(`${stack.name}: cannot place an endpoint: no subnets or VPC in the template`);
  return [stack.resolver.str(vpc[1].Properties!.CidrBlock)];
}

function props(stack: LoadedStack, resource: CfnResource): Record<string, unknown> {
  return stack.resolver.resolve(resource.Properties ?? {}) as Record<string, unknown>;
}

function service(stack: LoadedStack, id: string, svc: CfnResource): ServiceEndpoint | undefined {
  const p = props(stack, svc) as { NetworkConfiguration?: { AwsvpcConfiguration?: { SecurityGroups?: string[]; Subnets?: string[] } }; TaskDefinition: string; LoadBalancers?: Array<{ ContainerPort: number }>; ServiceRegistries?: Array<{ RegistryArn: string }> };
  const vpcConfig = p.NetworkConfiguration?.AwsvpcConfiguration;
  if (!vpcConfig) return undefined;
  const td = stack.resources('AWS::ECS::TaskDefinition').find(([tid]) => stack.resolver.ref(tid) === p.TaskDefinition);
  const tdProps = td ? props(stack, td[1]) as { ContainerDefinitions: Array<{ PortMappings?: Array<{ ContainerPort: number }>; Environment?: Array<{ Name: string; Value: string }>; MountPoints?: Array<{ SourceVolume: string }> }>; Volumes?: Array<{ Name: string; EFSVolumeConfiguration?: { FilesystemId: string } }> } : undefined;
  const containers = tdProps?.ContainerDefinitions ?? [];
  const cloudMap = stack.resources('AWS::ServiceDiscovery::Service').filter(([sid]) => (p.ServiceRegistries ?? []).some((r) => r.RegistryArn === stack.resolver.getAtt(sid, 'Arn')));
  return {
    name: `${stack.name}/${id}`,
    logicalId: id,
    kind: 'service',
    groups: vpcConfig.SecurityGroups ?? [],
    ranges: ranges(stack, vpcConfig.Subnets ?? []),
    ports: containers.flatMap((c) => (c.PortMappings ?? []).map((m) => m.ContainerPort)),
    environment: Object.fromEntries(containers.flatMap((c) => (c.Environment ?? []).map((e) => [e.Name, String(e.Value)]))),
    fileSystems: containers.flatMap((c) => (c.MountPoints ?? []).map((m) => tdProps!.Volumes?.find((v) => v.Name === m.SourceVolume)?.EFSVolumeConfiguration?.FilesystemId).filter((f): f is string => !!f)),
    targetPorts: (p.LoadBalancers ?? []).map((lb) => lb.ContainerPort),
    cloudMapNames: cloudMap.map(([, s]) => {
      const namespace = stack.resources('AWS::ServiceDiscovery::PrivateDnsNamespace').find(([nid]) => JSON.stringify(s.Properties).includes(nid));
      return `${stack.resolver.str(s.Properties!.Name)}.${namespace ? stack.resolver.str(namespace[1].Properties!.Name) : ''}`;
    }),
  };
}

export function stackNetwork(stack: LoadedStack): StackNetwork {
  const loadBalancers = stack.resources('AWS::ElasticLoadBalancingV2::LoadBalancer').map(([id, lb]) => {
    const p = props(stack, lb) as { SecurityGroups?: string[]; Subnets?: string[] };
    return { name: `${stack.name}/${id}`, kind: 'load-balancer' as const, groups: p.SecurityGroups ?? [], ranges: ranges(stack, p.Subnets ?? []) };
  });
  const services = stack.resources('AWS::ECS::Service').map(([id, s]) => service(stack, id, s)).filter((s): s is ServiceEndpoint => !!s);
  const hosts = stack.resources('AWS::EC2::Instance').map(([id, i]) => {
    const p = props(stack, i) as { SecurityGroupIds?: string[]; SubnetId?: string };
    return { name: `${stack.name}/${id}`, logicalId: id, kind: 'host' as const, groups: p.SecurityGroupIds ?? [], ranges: ranges(stack, p.SubnetId ? [p.SubnetId] : []) };
  });
  const mountTargets = new Map<string, Endpoint[]>();
  for (const [id, mt] of stack.resources('AWS::EFS::MountTarget')) {
    const p = props(stack, mt) as { FileSystemId: string; SecurityGroups: string[]; SubnetId: string };
    const list = mountTargets.get(p.FileSystemId) ?? [];
    list.push({ name: `${stack.name}/${id}`, kind: 'file-system', groups: p.SecurityGroups, ranges: ranges(stack, [p.SubnetId]) });
    mountTargets.set(p.FileSystemId, list);
  }
  const others = stack.resources('AWS::EC2::VPCEndpoint').flatMap(([id, e]) => {
    const p = props(stack, e) as { SecurityGroupIds?: string[]; SubnetIds?: string[]; VpcId?: string };
    return p.SecurityGroupIds ? [{ name: `${stack.name}/${id}`, kind: 'vpc-endpoint' as const, groups: p.SecurityGroupIds, ranges: ranges(stack, p.SubnetIds ?? [], p.VpcId) }] : [];
  });
  const peeredCidrs = [...new Set(stack.resources('AWS::EC2::Route')
    .filter(([, route]) => route.Properties?.VpcPeeringConnectionId && typeof route.Properties.RouteTableId !== 'string')
    .map(([, route]) => stack.resolver.str(route.Properties!.DestinationCidrBlock)))];
  return { stack, loadBalancers, services, hosts, mountTargets, others, peeredCidrs };
}

/** A dependency a service declares in its environment: where to, and on which port. */
export interface Declared {
  readonly variable: string;
  readonly host: string;
  readonly port: number;
}

export function declaredDependencies(svc: ServiceEndpoint): Declared[] {
  const env = svc.environment;
  const found: Declared[] = [];
  for (const [name, value] of Object.entries(env)) {
    const pair = /^(.*)_(HOST|SERVER)$/.exec(name);
    const url = /^[a-z]+:\/\/([^/:]+):(\d+)/.exec(value);
    if (url) found.push({ variable: name, host: url[1], port: Number(url[2]) });
    else if (pair && env[`${pair[1]}_PORT`]) found.push({ variable: name, host: value, port: Number(env[`${pair[1]}_PORT`]) });
  }
  return found;
}
