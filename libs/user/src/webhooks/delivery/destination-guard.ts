import { BlockList, isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup } from 'node:dns';

/**
 * Addresses a webhook may not reach unless private networks are allowed: loopback, private,
 * link-local, carrier-grade NAT, benchmark, documentation, multicast, reserved and unspecified
 * ranges (IPv4 and IPv6; an IPv4-mapped IPv6 address is checked as its IPv4 address).
 */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** True for an address a webhook may reach without `allowPrivateNetworks`. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NON_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return !NON_PUBLIC.check(mapped[1], 'ipv4');
  // ::ffff:7f00:1 (the hex spelling of a mapped IPv4 address)
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hexMapped) {
    const high = parseInt(hexMapped[1], 16);
    const low = parseInt(hexMapped[2], 16);
    return !NON_PUBLIC.check(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, 'ipv4');
  }
  return !NON_PUBLIC.check(address, 'ipv6');
}

/** A destination the guard refused (the delivery log shows the message). */
export class DestinationRefusedError extends Error {
  readonly code = 'EDESTINATIONREFUSED';
}

/**
 * A `lookup` for the HTTP agent: resolves the name as usual, then refuses when any address it
 * would connect to is not public. Being the agent's own lookup, it checks the very address the
 * socket connects to (a name that resolved to a public address when the endpoint was saved and
 * to 127.0.0.1 now is refused now).
 */
export function guardedLookup(
  allowPrivateNetworks: boolean,
  resolve: typeof dnsLookup = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as { address: string; family: number }[];
      if (!allowPrivateNetworks) {
        const refused = list.find((entry) => !isPublicAddress(entry.address));
        if (refused || list.length === 0)
          return callback(
            new DestinationRefusedError(
              `${hostname} resolves to ${refused?.address ?? 'nothing'}, not a public address`,
            ),
            '',
            0,
          );
      }
      if ((options as { all?: boolean }).all) return callback(null, list as never);
      callback(null, list[0].address, list[0].family);
    });
  };
}
