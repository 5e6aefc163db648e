/**
 * Security groups as CloudFormation declares them (inline rules, separate
 * Ingress/Egress resources, the implicit allow-all egress of a group that
 * declares none), and the question the reachability suite asks of them:
 * may traffic from one endpoint reach another on a TCP port.
 */
import { LoadedStack } from '../templates';
import { contains } from './cidr';

export interface Rule {
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidr?: string;
  readonly group?: string;
}

export interface SecurityGroup {
  readonly id: string;
  readonly stack: LoadedStack;
  readonly logicalId: string;
  readonly ingress: Rule[];
  readonly egress: Rule[];
}

/** Something that holds security groups and an address in some subnets. */
export interface Endpoint {
  readonly name: string;
  readonly kind: 'load-balancer' | 'service' | 'host' | 'file-system' | 'vpc-endpoint';
  readonly groups: string[];
  /** CIDR blocks its addresses come from (its subnets, else its VPC). */
  readonly ranges: string[];
}

type RawRule = { IpProtocol: string; FromPort?: number; ToPort?: number; CidrIp?: string; CidrIpv6?: string; SourceSecurityGroupId?: string; DestinationSecurityGroupId?: string };

function rule(raw: RawRule, peer: 'SourceSecurityGroupId' | 'DestinationSecurityGroupId'): Rule {
  return {
    protocol: String(raw.IpProtocol),
    fromPort: raw.FromPort ?? -1,
    toPort: raw.ToPort ?? -1,
    cidr: raw.CidrIp ?? raw.CidrIpv6,
    group: raw[peer],
  };
}

export function securityGroups(stack: LoadedStack): Map<string, SecurityGroup> {
  const r = stack.resolver;
  const groups = new Map<string, SecurityGroup>();
  for (const [id, sg] of stack.resources('AWS::EC2::SecurityGroup')) {
    const p = r.resolve(sg.Properties) as { SecurityGroupIngress?: RawRule[]; SecurityGroupEgress?: RawRule[] };
    const groupId = r.getAtt(id, 'GroupId');
    groups.set(groupId, {
      id: groupId, stack, logicalId: id,
      ingress: (p.SecurityGroupIngress ?? []).map((x) => rule(x, 'SourceSecurityGroupId')),
      // A group that declares no egress gets EC2's default: everything, everywhere.
      egress: p.SecurityGroupEgress ? p.SecurityGroupEgress.map((x) => rule(x, 'DestinationSecurityGroupId')) : [{ protocol: '-1', fromPort: -1, toPort: -1, cidr: '0.0.0.0/0' }],
    });
  }
  for (const [type, direction, peer] of [
    ['AWS::EC2::SecurityGroupIngress', 'ingress', 'SourceSecurityGroupId'],
    ['AWS::EC2::SecurityGroupEgress', 'egress', 'DestinationSecurityGroupId'],
  ] as const) {
    for (const [, res] of stack.resources(type)) {
      const p = r.resolve(res.Properties) as RawRule & { GroupId: string };
      groups.get(p.GroupId)?.[direction].push(rule(p, peer));
    }
  }
  return groups;
}

function portMatches(rule: Rule, port: number): boolean {
  if (rule.protocol === '-1') return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false;
  return rule.fromPort <= port && port <= rule.toPort;
}

function peerMatches(rule: Rule, peer: Endpoint): boolean {
  if (rule.group) return peer.groups.includes(rule.group);
  return !!rule.cidr && rule.cidr.includes('.') && peer.ranges.every((range) => contains(rule.cidr!, range));
}

export class Reachability {
  constructor(private readonly groups: Map<string, SecurityGroup>) {}

  /** Both sides agree: an egress rule of the source and an ingress rule of the destination. */
  public reaches(from: Endpoint, to: Endpoint, port: number): boolean {
    return this.egress(from, port, (r) => peerMatches(r, to)) && this.ingress(to, port, (r) => peerMatches(r, from));
  }

  /** The source may send to every address of `cidr` (the internet, a peered VPC) on `port`. */
  public reachesCidr(from: Endpoint, cidr: string, port: number): boolean {
    return this.egress(from, port, (r) => !!r.cidr && r.cidr.includes('.') && contains(r.cidr, cidr));
  }

  /** Every ingress rule open to all addresses (IPv4 or IPv6), with the group it belongs to. */
  public openToAnywhere(): Array<{ group: SecurityGroup; rule: Rule }> {
    return [...this.groups.values()].flatMap((group) => group.ingress
      .filter((r) => r.cidr === '0.0.0.0/0' || r.cidr === '::/0')
      .map((r) => ({ group, rule: r })));
  }

  /** TCP ports the endpoint's groups admit by single-port or small-range rules (wide ranges are the open-to-anywhere check's). */
  public admittedPorts(to: Endpoint): number[] {
    return to.groups.flatMap((g) => this.groups.get(g)?.ingress ?? [])
      .filter((r) => (r.protocol === 'tcp' || r.protocol === '6') && r.fromPort >= 0 && r.toPort - r.fromPort < 16)
      .flatMap((r) => Array.from({ length: r.toPort - r.fromPort + 1 }, (_, i) => r.fromPort + i));
  }

  private egress(from: Endpoint, port: number, peer: (r: Rule) => boolean): boolean {
    return from.groups.some((g) => this.groups.get(g)?.egress.some((r) => portMatches(r, port) && peer(r)));
  }

  private ingress(to: Endpoint, port: number, peer: (r: Rule) => boolean): boolean {
    return to.groups.some((g) => this.groups.get(g)?.ingress.some((r) => portMatches(r, port) && peer(r)));
  }
}
