// Keeper access: the venue PIN (kept in DATA_DIR, KEEPER_PIN overrides), signed session cookies that
// every instance on the same DATA_DIR accepts, and a per-address limit on wrong PINs.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

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

export class Keepers {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly settings: SettingsStore,
    private readonly opts: {
      pinOverride?: string;
      sessionTtlMs: number;
      maxAttempts: number;
      lockoutMs: number;
      now?: () => number;
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

  checkPin(candidate: string): boolean {
    return safeEqual(candidate, this.pin());
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
    const entry = this.failures.get(address);
    if (!entry || entry.lockedUntil <= this.now()) return 0;
    return Math.ceil((entry.lockedUntil - this.now()) / 1000);
  }

  recordFailure(address: string): void {
    const entry = this.failures.get(address) ?? { count: 0, lockedUntil: 0 };
    if (entry.lockedUntil && entry.lockedUntil <= this.now()) entry.count = 0;
    entry.count += 1;
    entry.lockedUntil = entry.count >= this.opts.maxAttempts ? this.now() + this.opts.lockoutMs : 0;
    this.failures.set(address, entry);
  }

  recordSuccess(address: string): void {
    this.failures.delete(address);
  }
}
