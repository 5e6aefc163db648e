import { IConstruct } from 'constructs';
import { invalidProp } from '../internal/validation';

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** An IPv4 CIDR block's prefix length, after checking that it is one (octets, prefix, no host bits). */
export function cidrPrefixLength(scope: IConstruct, prop: string, cidr: string): number {
  const match = IPV4_CIDR.exec(cidr);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : NaN;
  if (!match || octets.some((o) => o > 255) || prefix > 32) {
    throw invalidProp(scope, prop, `got '${cidr}'`, 'Give an IPv4 CIDR block such as 10.40.0.0/24.');
  }
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const hostBits = 2 ** (32 - prefix);
  if (address % hostBits !== 0) {
    throw invalidProp(scope, prop, `'${cidr}' has host bits set`, `Use the network address of the block, e.g. ${networkAddress(address, hostBits)}/${prefix}.`);
  }
  return prefix;
}

function networkAddress(address: number, hostBits: number): string {
  const base = address - (address % hostBits);
  return [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256).join('.');
}

/** The first and last address of a valid IPv4 CIDR block, as numbers. */
export function cidrRange(cidr: string): [number, number] {
  const [address, prefix] = cidr.split('/');
  const start = address.split('.').map(Number).reduce((acc, o) => acc * 256 + o, 0);
  return [start, start + 2 ** (32 - Number(prefix)) - 1];
}

/** Whether two valid IPv4 CIDR blocks share any address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const [aStart, aEnd] = cidrRange(a);
  const [bStart, bEnd] = cidrRange(b);
  return aStart <= bEnd && bStart <= aEnd;
}
