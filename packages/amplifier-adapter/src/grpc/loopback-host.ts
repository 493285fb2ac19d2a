import { isIP } from 'node:net';

/**
 * True when `host` only reaches this machine: `localhost`, an IPv4 address in 127.0.0.0/8, or
 * `::1` (with or without brackets, and the IPv4-mapped `::ffff:127.x.y.z`). Wildcards such as
 * `0.0.0.0` and `::` listen on every interface, so they are not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  if (bare === 'localhost') return true;
  const mapped = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  if (isIP(mapped) === 4) return mapped.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
  return false;
}
