// Who a request comes from, for every check that counts per device: the connection and request caps,
// the stream cap, the wrong-PIN limiter and the exemption of this machine's own programs. It is the
// socket's peer, unless that peer is a reverse proxy named in TRUST_PROXY: then it is the right-most
// X-Forwarded-For address that is not itself a trusted proxy. A header from anyone else is ignored,
// so no client can pose as another device, or as this machine.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { normalizeAddress } from '../hub/address.js';

export interface Client {
  /** The client's IP address (IPv4-mapped IPv6 folded to IPv4): the key of its caps and limits. */
  address: string;
  /**
   * A program of this machine itself (127.0.0.1 or ::1) that connected directly: no caps. Never true
   * for a forwarded request, whatever address the proxy names.
   */
  local: boolean;
  /** The address came from X-Forwarded-For (the socket's peer is a trusted proxy). */
  forwarded: boolean;
}

export interface ClientOf {
  (req: IncomingMessage): Client;
  /** The proxies it believes. */
  readonly trust: ProxyTrust;
}

/** The keywords TRUST_PROXY takes besides addresses and CIDR ranges (as Express's proxy-addr has them). */
export const TRUST_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

export class TrustProxyError extends Error {}

export interface ProxyTrust {
  /** Whether `address` (normalized) is a proxy whose X-Forwarded-For is believed. */
  trusts(address: string): boolean;
  /** Nobody is trusted (the default): every request's client is its socket's peer. */
  none: boolean;
}

const NOBODY: ProxyTrust = { trusts: () => false, none: true };

/**
 * TRUST_PROXY's entries (addresses, CIDR ranges, keywords) as a check; an entry that is none of
 * these throws a TrustProxyError that names it.
 */
export function proxyTrust(entries: readonly string[]): ProxyTrust {
  if (entries.length === 0) return NOBODY;
  const list = new BlockList();
  const add = (entry: string): void => {
    const keyword = TRUST_KEYWORDS[entry.toLowerCase()];
    if (keyword) return keyword.forEach(add);
    const [ip = '', prefix, extra] = entry.split('/');
    const family = isIP(ip);
    if (family === 0 || extra !== undefined || ip.includes('%')) {
      throw new TrustProxyError(
        `"${entry}" is not an address, a CIDR range or one of ${Object.keys(TRUST_KEYWORDS).join(', ')}`,
      );
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) return list.addAddress(ip, type);
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits <= (family === 4 ? 32 : 128))) {
      throw new TrustProxyError(`"${entry}" has a prefix length that is not 0 to ${family === 4 ? 32 : 128}`);
    }
    list.addSubnet(ip, bits, type);
  };
  for (const entry of entries) add(entry.trim());
  return {
    none: false,
    trusts: (address) => {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** 127.0.0.1 and ::1 (and the IPv4-mapped form): the programs of this machine itself. */
export function isThisMachine(address: string | undefined): boolean {
  const a = normalizeAddress(address);
  return a === '127.0.0.1' || a === '::1' || a === '0:0:0:0:0:0:0:1';
}

/**
 * One X-Forwarded-For entry as an address, or null when it is none: proxies write `1.2.3.4`,
 * `2001:db8::1`, and some add a port (`1.2.3.4:5678`, `[2001:db8::1]:443`).
 */
export function forwardedAddress(entry: string): string | null {
  let a = entry.trim();
  const withPort = /^(?:\[([^\]]+)\]|(\d{1,3}(?:\.\d{1,3}){3}))(?::(\d{1,5}))?$/.exec(a);
  if (withPort) {
    if (withPort[3] !== undefined && Number(withPort[3]) > 65535) return null;
    a = withPort[1] ?? withPort[2]!;
  }
  if (a.includes('%') || isIP(a) === 0) return null;
  return normalizeAddress(a);
}

/** At most this many X-Forwarded-For entries are looked at, from the right: no proxy chain is longer. */
const MAX_HOPS = 32;

/**
 * The client of a request whose socket's peer is `peer`, given its X-Forwarded-For header. Walking
 * the header from the right, each trusted address is a proxy that passed the request on; the first
 * address that is not trusted is the client. A malformed entry ends the walk: the client is then the
 * trusted hop that passed it on, counted like any other device.
 */
export function resolveClient(peer: string, forwardedFor: string | undefined, trust: ProxyTrust): Client {
  const socket = normalizeAddress(peer);
  const direct: Client = { address: socket, local: isThisMachine(socket), forwarded: false };
  if (trust.none || !forwardedFor || !trust.trusts(socket)) return direct;
  const entries = forwardedFor.split(',');
  if (entries.every((e) => e.trim() === '')) return direct;
  let client = socket;
  for (let i = entries.length - 1, hops = 0; i >= 0 && hops < MAX_HOPS; i--) {
    const entry = entries[i]!;
    if (entry.trim() === '') continue;
    hops++;
    const address = forwardedAddress(entry);
    if (address === null) break;
    client = address;
    if (!trust.trusts(address)) break;
  }
  return { address: client, local: false, forwarded: true };
}

/** The client of each request under `trust`: the one function every per-device check reads. */
export function clientOf(trust: ProxyTrust = NOBODY): ClientOf {
  const of = trust.none
    ? (req: IncomingMessage): Client => {
        const address = normalizeAddress(req.socket.remoteAddress);
        return { address, local: isThisMachine(address), forwarded: false };
      }
    : (req: IncomingMessage): Client => {
        const header = req.headers['x-forwarded-for'];
        const value = Array.isArray(header) ? header.join(',') : header;
        return resolveClient(req.socket.remoteAddress ?? '', value, trust);
      };
  return Object.assign(of, { trust });
}

const bySettings = new WeakMap<object, ClientOf>();

/**
 * The one ClientOf of a server's settings (TRUST_PROXY): the front door, the hub and the app all read
 * clients through it.
 */
export function clientOfSettings(s: { trustProxy: readonly string[] }): ClientOf {
  let found = bySettings.get(s);
  if (!found) bySettings.set(s, (found = clientOf(proxyTrust(s.trustProxy))));
  return found;
}
