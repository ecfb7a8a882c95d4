import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress } from './destination-guard.js';

export const WEBHOOK_URL_MAX_LENGTH = 2048;

/**
 * Why this URL may not receive webhooks, or null: http(s) only, no credentials in it, and unless
 * private networks are allowed, a host that is (or resolves only to) public addresses. The check
 * at connect time (destination-guard) still applies to every attempt: a name may change.
 */
export async function webhookUrlProblem(
  value: string,
  allowPrivateNetworks: boolean,
  resolve: (hostname: string) => Promise<{ address: string }[]> = (hostname) =>
    lookup(hostname, { all: true, verbatim: true }),
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url must be an absolute http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url must be an http(s) URL';
  if (url.username || url.password) return 'url must not hold credentials';
  if (allowPrivateNetworks) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isPublicAddress(host) ? null : `${host} is not a public address`;
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is not a public host`;
  let addresses: { address: string }[];
  try {
    addresses = await resolve(host);
  } catch {
    return `${host} does not resolve`;
  }
  const refused = addresses.find((entry) => !isPublicAddress(entry.address));
  if (refused) return `${host} resolves to ${refused.address}, not a public address`;
  return addresses.length === 0 ? `${host} does not resolve` : null;
}
