import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { type IpAllowList, ipAllowList } from '../../lib/ip-allow-list.js';

/**
 * Where a webhook may go (docs/webhooks.md): public https targets; loopback, private, link-local
 * (cloud metadata), carrier-grade NAT and other special addresses only when an operator allowlists
 * their network (WEBHOOK_ALLOW_NETWORKS), and plain http only to allowlisted networks. Checked
 * when an endpoint is saved and again at every connection, after DNS resolution (the connection
 * uses the address that was checked, so a name that changes its answer cannot slip through).
 * Redirects are never followed: a 3xx is a failed attempt.
 */

const special = ipAllowList([
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '224.0.0.0/3',
  '::/128',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
  '64:ff9b::/96',
]);

/**
 * Why this address may not be reached over this protocol, or undefined when it may. `allowed` is
 * WEBHOOK_ALLOW_NETWORKS, built once by the caller.
 */
function refuseAddress(allowed: IpAllowList, address: string, protocol: string): string | undefined {
  if (allowed(address)) return undefined;
  if (special(address)) {
    return `${address} is a loopback, private, link-local or otherwise reserved address (not in WEBHOOK_ALLOW_NETWORKS)`;
  }
  if (protocol !== 'https:') return 'Plain http is allowed only to networks in WEBHOOK_ALLOW_NETWORKS; use https';
  return undefined;
}

/** The URL's shape: http(s), a host, no user name or password in it. */
function refuseUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'Only https:// (or http:// to allowlisted networks)';
  if (url.username || url.password) return 'No user name or password in the URL; the signature authenticates';
  if (!url.hostname) return 'The URL has no host';
  return undefined;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

function resolveAll(host: string): Promise<LookupAddress[]> {
  if (isIP(host)) return Promise.resolve([{ address: host, family: isIP(host) }]);
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );
}

/** Saving an endpoint: the URL and every address its host resolves to now must be allowed. */
export async function checkTarget(allowed: IpAllowList, raw: string): Promise<string | undefined> {
  const shape = refuseUrl(raw);
  if (shape) return shape;
  const url = new URL(raw);
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(hostOf(url));
  } catch {
    return `The host ${url.hostname} does not resolve`;
  }
  for (const a of addresses) {
    const why = refuseAddress(allowed, a.address, url.protocol);
    if (why) return why;
  }
  return undefined;
}

export interface PostResult {
  status: number;
}

/**
 * POSTs the body once, connecting only to a checked address, within `timeoutMs` (connection and
 * answer). Resolves with the status (any status, redirects included); rejects on a refused
 * target, a network error or the timeout.
 */
export function postJson(
  allowed: IpAllowList,
  raw: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  const shape = refuseUrl(raw);
  if (shape) return Promise.reject(new Error(shape));
  const url = new URL(raw);
  const host = hostOf(url);
  if (isIP(host)) {
    const why = refuseAddress(allowed, host, url.protocol);
    if (why) return Promise.reject(new Error(why));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        // Every address the name resolves to is checked, and the socket connects to a checked one.
        lookup: (hostname, options, callback) => {
          dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
            if (err) return callback(err, '', 0);
            const list = addresses as unknown as LookupAddress[];
            for (const a of list) {
              const why = refuseAddress(allowed, a.address, url.protocol);
              if (why) return callback(new Error(why), '', 0);
            }
            if ((options as { all?: boolean }).all)
              return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
            const first = list[0];
            if (!first) return callback(new Error(`The host ${hostname} does not resolve`), '', 0);
            callback(null, first.address, first.family);
          });
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    // One timer for the whole attempt (lookup, connection and answer); no socket timeout beside it.
    const timer = setTimeout(() => req.destroy(new Error(`No answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on('close', () => clearTimeout(timer));
    req.end(body);
  });
}
