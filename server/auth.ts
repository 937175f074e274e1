// Keeper access: the venue PIN (kept in DATA_DIR, KEEPER_PIN overrides), signed session cookies that
// every instance on the same DATA_DIR accepts, and a per-address limit on wrong PINs.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { isIPv6 } from 'node:net';

export interface SettingsStore {
  setting(key: string): string | null;
  setSetting(key: string, value: string): void;
}

export const SESSION_COOKIE = 'bagtrax_keeper';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Addresses whose wrong PINs are remembered at once; past it the stalest are forgotten first. */
export const MAX_TRACKED_ADDRESSES = 10_000;

/**
 * The key wrong PINs are counted under. One IPv6 device can pick any address in its /64, so the whole
 * /64 counts as one client; IPv4 (and IPv4-mapped IPv6) addresses count one by one.
 */
export function limitKey(address: string): string {
  const a = address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (!isIPv6(a) || a === '::1') return a;
  const [head = '', tail = ''] = a.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = a.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

interface Failures {
  count: number;
  lockedUntil: number;
  /** When the last wrong PIN came: a count this old is forgotten. */
  lastAt: number;
}

export class Keepers {
  // Insertion-ordered: an address is re-inserted on every wrong PIN, so the first key is the stalest.
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly settings: SettingsStore,
    private readonly opts: {
      pinOverride?: string;
      sessionTtlMs: number;
      maxAttempts: number;
      lockoutMs: number;
      now?: () => number;
      /** Bound on remembered addresses (tests lower it). */
      maxTracked?: number;
    },
  ) {
    if (!this.settings.setting('keeper_pin'))
      this.settings.setSetting('keeper_pin', String(randomInt(0, 1_000_000)).padStart(6, '0'));
    if (!this.settings.setting('session_secret')) this.rotateSecret();
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  pin(): string {
    return this.opts.pinOverride ?? this.settings.setting('keeper_pin') ?? '';
  }

  /** True when the PIN is set by KEEPER_PIN and cannot be changed from the host page. */
  pinFromEnvironment(): boolean {
    return this.opts.pinOverride !== undefined;
  }

  /** A new PIN ends every keeper session (the signing secret changes with it). */
  changePin(pin: string): void {
    this.settings.setSetting('keeper_pin', pin);
    this.rotateSecret();
  }

  signOutEverywhere(): void {
    this.rotateSecret();
  }

  private rotateSecret(): void {
    this.settings.setSetting('session_secret', randomBytes(32).toString('base64url'));
  }

  /** Compares digests, so neither the PIN's digits nor its length leak through timing. */
  checkPin(candidate: string): boolean {
    const digest = (text: string) => createHash('sha256').update(text).digest();
    return timingSafeEqual(digest(candidate), digest(this.pin())) && this.pin() !== '';
  }

  /** A session token: expiry, nonce and an HMAC under the venue's current secret. */
  createSession(ttlMs = this.opts.sessionTtlMs): string {
    const payload = `${this.now() + ttlMs}.${randomBytes(12).toString('base64url')}`;
    return `${payload}.${this.sign(payload)}`;
  }

  verifySession(token: string | undefined): boolean {
    if (!token) return false;
    const cut = token.lastIndexOf('.');
    if (cut < 0) return false;
    const payload = token.slice(0, cut);
    if (!safeEqual(token.slice(cut + 1), this.sign(payload))) return false;
    const expires = Number(payload.split('.')[0]);
    return Number.isFinite(expires) && expires > this.now();
  }

  private sign(payload: string): string {
    const secret = this.settings.setting('session_secret') ?? '';
    return createHmac('sha256', secret).update(payload).digest('base64url');
  }

  /** Seconds until this address may try a PIN again, or 0 when it may now. */
  lockedFor(address: string): number {
    const entry = this.failures.get(limitKey(address));
    if (!entry || entry.lockedUntil <= this.now()) return 0;
    return Math.ceil((entry.lockedUntil - this.now()) / 1000);
  }

  recordFailure(address: string): void {
    const key = limitKey(address);
    const now = this.now();
    const old = this.failures.get(key);
    // A finished lockout, or a last miss longer ago than a lockout lasts, starts the count afresh.
    const stale =
      !old || (old.lockedUntil && old.lockedUntil <= now) || old.lastAt + this.opts.lockoutMs <= now;
    const count = stale ? 1 : old.count + 1;
    const entry = {
      count,
      lastAt: now,
      lockedUntil: count >= this.opts.maxAttempts ? now + this.opts.lockoutMs : 0,
    };
    this.failures.delete(key);
    this.failures.set(key, entry);
    this.bound(now);
  }

  recordSuccess(address: string): void {
    this.failures.delete(limitKey(address));
  }

  /** How many addresses are remembered (for tests and /api/health). */
  trackedAddresses(): number {
    return this.failures.size;
  }

  /**
   * Keeps the map bounded under a flood of addresses: forget entries that no longer matter, then, if
   * still over, the stalest ones (a locked address is only dropped when every entry is a lockout).
   */
  private bound(now: number): void {
    const max = this.opts.maxTracked ?? MAX_TRACKED_ADDRESSES;
    if (this.failures.size <= max) return;
    // Prune to 90 %, so a sustained flood pays for a sweep once per tenth of the map, not per request.
    const target = Math.floor(max * 0.9);
    for (const [key, e] of this.failures) {
      const over = e.lockedUntil ? e.lockedUntil <= now : e.lastAt + this.opts.lockoutMs <= now;
      if (over) this.failures.delete(key);
    }
    for (const [key, e] of this.failures) {
      if (this.failures.size <= target) return;
      if (!e.lockedUntil) this.failures.delete(key);
    }
    for (const key of this.failures.keys()) {
      if (this.failures.size <= target) return;
      this.failures.delete(key);
    }
  }
}
