// Client addresses for the per-address stream cap: IPv4-mapped IPv6 folded to IPv4, loopback exempt
// (the host window and local tests open many streams from the laptop itself).
import { isIPv4 } from 'node:net';

/** `::ffff:10.0.0.7` and `10.0.0.7` are one client. */
export function normalizeAddress(address: string | undefined): string {
  if (!address) return '';
  const lower = address.toLowerCase();
  if (lower.startsWith('::ffff:') && isIPv4(lower.slice(7))) return lower.slice(7);
  return lower;
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(address: string | undefined): boolean {
  const a = normalizeAddress(address);
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  return isIPv4(a) && a.startsWith('127.');
}
