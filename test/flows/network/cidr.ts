/** IPv4 CIDR arithmetic: does one block contain another. */

function toInt(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function bounds(cidr: string): [number, number] {
  const [ip, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits ?? 32));
  const start = Math.floor(toInt(ip) / size) * size;
  return [start, start + size - 1];
}

export function isIpv4Cidr(value: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(value);
}

/** Whether `outer` holds every address of `inner`. */
export function contains(outer: string, inner: string): boolean {
  const [os, oe] = bounds(outer);
  const [is, ie] = bounds(inner);
  return os <= is && ie <= oe;
}

export const ANYWHERE = '0.0.0.0/0';
