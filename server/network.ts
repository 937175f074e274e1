// The names and addresses this machine answers to, and how a phone joins: LAN URLs (re-read on every
// call, so a Wi-Fi switch shows up), the QR code, and the bagtrax.local name when mDNS works.
import { hostname, networkInterfaces } from 'node:os';
import QRCode from 'qrcode';
import type { JoinInfo } from './views/pages/host.js';

export const MDNS_NAME = 'bagtrax.local';

let cached: { at: number; list: string[] } | null = null;

/** IPv4 LAN addresses first (what phones type), then IPv6 ones; no loopback or link-local v6. */
export function lanAddresses(): string[] {
  // Every request's Host check asks; the interfaces are re-read at most once a second.
  if (cached && Date.now() - cached.at < 1000) return cached.list;
  cached = { at: Date.now(), list: readAddresses() };
  return cached.list;
}

function readAddresses(): string[] {
  const v4: string[] = [];
  const v6: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv4') v4.push(a.address);
      else if (!a.address.toLowerCase().startsWith('fe80')) v6.push(a.address);
    }
  }
  return [...v4, ...v6];
}

export function urlFor(address: string, port: number): string {
  return address.includes(':') ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

export function allowedHostCheck(extra: string[], bindHost: string) {
  const fixed = new Set(
    [
      'localhost',
      '127.0.0.1',
      '::1',
      MDNS_NAME,
      hostname().toLowerCase(),
      `${hostname().toLowerCase()}.local`,
      ...extra,
    ].concat(bindHost !== '0.0.0.0' && bindHost !== '::' ? [bindHost.toLowerCase()] : []),
  );
  return (name: string): boolean => {
    if (fixed.has(name) || name.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(name)) return true;
    return lanAddresses().some((a) => a.toLowerCase() === name);
  };
}

function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Why phones on the venue Wi-Fi cannot reach this server, as a sentence that says what to do, or
 * null when they can: it listens on loopback only, or the machine is on no network at all.
 */
export function phonesCannotJoin(host: string, lan: string[]): string | null {
  if (isLoopback(host)) {
    return `Phones cannot join: BagTrax listens only on this computer (HOST=${host}). Start it without HOST, or with HOST=0.0.0.0, so phones on the venue Wi-Fi can reach it.`;
  }
  if ((host === '0.0.0.0' || host === '::') && lan.length === 0) {
    return 'Phones cannot join yet: this computer is on no network. Connect it to the venue Wi-Fi (or set HOST to its address there); the join address appears as soon as it has one.';
  }
  return null;
}

export async function joinInfo(port: number, host: string, mdnsActive: () => boolean): Promise<JoinInfo> {
  const wildcard = host === '0.0.0.0' || host === '::';
  const lan = wildcard ? lanAddresses() : [];
  const bound = wildcard ? lan : [host];
  const urls = bound.map((a) => urlFor(a, port));
  const joinUrl = urls[0] ?? `http://localhost:${port}`;
  const qrSvg = await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return {
    joinUrl,
    otherUrls: urls.slice(1, 4),
    mdnsUrl: mdnsActive() ? `http://${MDNS_NAME}:${port}` : null,
    qrSvg,
    problem: phonesCannotJoin(host, lan),
  };
}
