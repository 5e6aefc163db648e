/**
 * Which endpoint reaches which port, from the security groups in every
 * template: the paths the platform needs must be open, and nothing else
 * reachable from the internet or between services unless declared.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANYWHERE } from './network/cidr';
import { declaredDependencies, Declared, ServiceEndpoint, stackNetwork, StackNetwork } from './network/endpoints';
import { Endpoint, Reachability, securityGroups } from './network/security-groups';
import { discovered } from './harness';
import { loadAllStacks } from './templates';

/** Counts of network paths proven, printed at the end of the run. */
export const networkTally = { reachable: 0, unreachable: 0 };

interface Path { readonly name: string; readonly check: () => boolean }

const networks = loadAllStacks().filter((s) => !s.name.includes('@')).map((stack) => ({ net: stackNetwork(stack), reach: new Reachability(securityGroups(stack)) }));

/** Where a declared host lives: a host of the stack, a Cloud Map name of one of its services, or the peered network. */
function destination(net: StackNetwork, dep: Declared): Endpoint | string[] {
  const host = net.hosts.find((h) => dep.host === `${h.logicalId.toLowerCase()}.PrivateDnsName`);
  if (host) return host;
  const svc = net.services.find((s) => s.cloudMapNames.includes(dep.host));
  if (svc) return svc;
  if (net.peeredCidrs.length) return net.peeredCidrs;
  throw new Error(`${net.stack.name}: ${dep.variable}=${dep.host} is neither a host, a Cloud Map name nor a peered network of the stack`);
}

function mustReach(): Path[] {
  return networks.flatMap(({ net, reach }) => [
    ...net.services.flatMap((svc) => svc.targetPorts.flatMap((port) => net.loadBalancers.map((lb) => ({
      name: `${lb.name} → ${svc.name}:${port}`, check: () => reach.reaches(lb, svc, port),
    })))),
    ...net.services.flatMap((svc) => declaredDependencies(svc).map((dep) => {
      const to = destination(net, dep);
      return Array.isArray(to)
        ? { name: `${svc.name} → ${to.join(', ')}:${dep.port} (${dep.variable}, peered)`, check: () => to.every((cidr) => reach.reachesCidr(svc, cidr, dep.port)) }
        : { name: `${svc.name} → ${to.name}:${dep.port} (${dep.variable})`, check: () => reach.reaches(svc, to, dep.port) };
    })),
    ...net.services.flatMap((svc) => svc.fileSystems.flatMap((fs) => (net.mountTargets.get(fs) ?? []).map((mt) => ({
      name: `${svc.name} → ${mt.name}:2049 (EFS)`, check: () => reach.reaches(svc, mt, 2049),
    })))),
    ...[...net.services, ...net.hosts].map((e) => ({ name: `${e.name} → ${ANYWHERE}:443 (AWS APIs)`, check: () => reach.reachesCidr(e, ANYWHERE, 443) })),
  ]);
}

/** Is `to:port` something `from` declares it talks to (or, for a load balancer, a target port)? */
function declared(net: StackNetwork, from: Endpoint, to: ServiceEndpoint | (Endpoint & { logicalId: string }), port: number): boolean {
  if (from.kind === 'load-balancer') return 'targetPorts' in to && to.targetPorts.includes(port);
  const svc = net.services.find((s) => s.name === from.name);
  if (!svc) return false;
  return declaredDependencies(svc).some((dep) => dep.port === port && destination(net, dep) === to);
}

/** Every port an endpoint listens on: its container ports and the TCP ports its groups admit. */
function listeningPorts(reach: Reachability, e: Endpoint & { ports?: number[] }): number[] {
  return [...new Set([...(e.ports ?? []), ...reach.admittedPorts(e)])];
}

/**
 * Undeclared paths the templates open today, each with its reason and owner.
 * The suite prints each one on every run and fails once it is closed, so the
 * list cannot outlive the fix.
 */
const WORKER_ANISETTE = 'apps/tracker adds every worker to the anisette clients (tracker-stack.ts) but gives ANISETTE_SERVER '
  + 'only to workers with needsData: the plain worker may call anisette without using it. Owner: the tracker app.';
const KNOWN_UNDECLARED: Record<string, string> = {
  'TrackerStaging/TrackerWorkerServiceA0984788 ↛ TrackerStaging/AnisetteService56089EFA:6969 unless declared': WORKER_ANISETTE,
  'TrackerProduction/TrackerWorkerServiceA0984788 ↛ TrackerProduction/AnisetteService56089EFA:6969 unless declared': WORKER_ANISETTE,
};

function mustNotReach(): Path[] {
  const paths: Path[] = [];
  for (const { net, reach } of networks) {
    for (const { group, rule } of reach.openToAnywhere()) {
      const lbGroups = net.loadBalancers.flatMap((lb) => lb.groups);
      paths.push({
        name: `${ANYWHERE} ↛ ${net.stack.name}/${group.logicalId} except a load balancer's 80/443 (rule ${rule.protocol} ${rule.fromPort}-${rule.toPort} from ${rule.cidr})`,
        // Passes only for a load balancer's group admitting exactly 80 or 443.
        check: () => lbGroups.includes(group.id) && rule.protocol === 'tcp' && [80, 443].includes(rule.fromPort) && rule.fromPort === rule.toPort,
      });
    }
    const sources: Endpoint[] = [...net.loadBalancers, ...net.services, ...net.hosts];
    for (const to of [...net.services, ...net.hosts]) {
      for (const port of listeningPorts(reach, to)) {
        for (const from of sources.filter((s) => s !== to)) {
          const name = `${from.name} ↛ ${to.name}:${port} unless declared`;
          if (declared(net, from, to, port)) continue;
          paths.push({ name, check: () => !reach.reaches(from, to, port) });
        }
      }
    }
    for (const [fileSystem, targets] of net.mountTargets) {
      for (const from of net.services.filter((s) => !s.fileSystems.includes(fileSystem))) {
        for (const to of targets) paths.push({ name: `${from.name} ↛ ${to.name}:2049 (mounts no volume of it)`, check: () => !reach.reaches(from, to, 2049) });
      }
    }
  }
  return paths;
}

function expectPaths(kind: string, discover: () => Path[], expected: boolean): void {
  const paths = discovered(kind, 'path', discover);
  for (const path of paths) {
    it(`${expected ? 'REACH ' : 'BLOCK '} ${path.name}`, () => {
      const known = KNOWN_UNDECLARED[path.name];
      if (known) {
        assert.equal(path.check(), false, `${path.name}: listed as a known undeclared path, but it is closed now: remove it from KNOWN_UNDECLARED`);
        console.warn(`KNOWN FINDING (still open): ${path.name}: ${known}`);
        return;
      }
      // check() answers "reaches?" for must-reach paths and "blocked?" for must-not paths.
      assert.ok(path.check(), `${path.name}: ${expected ? 'not reachable: no egress/ingress rule pair admits it' : 'reachable, but nothing declares it'}`);
      if (expected) networkTally.reachable++; else networkTally.unreachable++;
    });
  }
}

describe('network: must reach', () => expectPaths('declared paths', mustReach, true));
describe('network: must not reach', () => expectPaths('undeclared paths', mustNotReach, false));
