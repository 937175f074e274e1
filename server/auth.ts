// Who may do what (CONTRACT.md): the keeper PIN and the organiser PIN (kept in DATA_DIR, the
// environment overrides), sessions kept in the database, and the host window's own secret, which
// lives only in this process and which no PIN change or sign-out can end.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { AuthStore, Role, SignedIn } from './auth/store.js';

export type { Role, SignedIn } from './auth/store.js';
export { AuthStore } from './auth/store.js';

export const SESSION_COOKIE = 'bagtrax_keeper';
const PIN_SETTING: Record<Role, string> = { keeper: 'keeper_pin', organiser: 'organiser_pin' };
const PIN_DIGITS: Record<Role, number> = { keeper: 6, organiser: 8 };

/** Who a request is: a session from the login form, or the host window (`id` null: not in the table). */
export interface Session {
  id: string | null;
  role: Role;
  host: boolean;
}

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

const digest = (text: string) => createHash('sha256').update(text).digest();
/** The table keeps a digest of each token, never the token. */
const sessionId = (token: string) => digest(token).toString('base64url');

function randomPin(digits: number): string {
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}

export class Keepers {
  /** The host window's secret (CONTRACT.md: handed from startServer to the window by `main/`). */
  readonly hostToken = randomBytes(32).toString('base64url');

  constructor(
    private readonly store: AuthStore,
    private readonly opts: {
      keeperPin?: string;
      organiserPin?: string;
      sessionTtlMs: number;
      now?: () => number;
    },
  ) {
    for (const role of ['keeper', 'organiser'] as const) {
      if (this.override(role) !== undefined) continue;
      let pin = randomPin(PIN_DIGITS[role]);
      while (pin === this.pin(other(role))) pin = randomPin(PIN_DIGITS[role]);
      store.settingOnce(PIN_SETTING[role], pin);
    }
    if (this.pin('keeper') === this.pin('organiser')) {
      throw new Error('The keeper PIN and the organiser PIN are the same: set KEEPER_PIN or ORGANISER_PIN');
    }
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  private override(role: Role): string | undefined {
    return role === 'keeper' ? this.opts.keeperPin : this.opts.organiserPin;
  }

  /** The PIN now in force for `role` (the keeper's by default). */
  pin(role: Role = 'keeper'): string {
    return this.override(role) ?? this.store.setting(PIN_SETTING[role]) ?? '';
  }

  /** True when the PIN is set by KEEPER_PIN (or ORGANISER_PIN) and cannot be changed from the console. */
  pinFromEnvironment(role: Role = 'keeper'): boolean {
    return this.override(role) !== undefined;
  }

  /**
   * Which role this PIN opens, or null. Both PINs are compared by digest, every time, so neither the
   * digits, nor the length, nor which PIN matched leaks through timing.
   */
  roleOf(candidate: string): Role | null {
    const given = digest(candidate);
    const keeper = timingSafeEqual(given, digest(this.pin('keeper')));
    const organiser = timingSafeEqual(given, digest(this.pin('organiser')));
    if (candidate === '') return null;
    return organiser ? 'organiser' : keeper ? 'keeper' : null;
  }

  /** A new session token for `role`; only its digest is stored. */
  createSession(role: Role, ttlMs = this.opts.sessionTtlMs): string {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    this.store.insertSession(sessionId(token), role, now, now + ttlMs);
    return token;
  }

  /** The session a cookie carries, or null when it is unknown, ended or expired. */
  session(token: string | undefined): Session | null {
    if (!token || token.length > 200) return null;
    const a = Buffer.from(token);
    const b = Buffer.from(this.hostToken);
    if (a.length === b.length && timingSafeEqual(a, b)) return { id: null, role: 'organiser', host: true };
    const id = sessionId(token);
    const row = this.store.session(id);
    if (!row || row.expiresAt <= this.now()) return null;
    return { id, role: row.role, host: false };
  }

  /** Logging out ends the session on every instance at once. */
  endSession(session: Session): void {
    if (session.id !== null) this.store.deleteSession(session.id);
  }

  /**
   * A new PIN for `role`. The keeper PIN's change signs out every keeper; the organiser PIN's every
   * organiser phone but the one asking. The host window is never signed out.
   */
  changePin(role: Role, pin: string, by: Session | null): SignedIn {
    this.store.setSetting(PIN_SETTING[role], pin);
    return this.store.deleteSessions([role], by?.id ?? null, this.now());
  }

  /** Ends every session but the one asking (and the host window, which is not in the table). */
  signOutAll(by: Session | null): SignedIn {
    return this.store.deleteSessions(['keeper', 'organiser'], by?.id ?? null, this.now());
  }

  /** Live sessions per role (the host window not counted). */
  signedIn(): SignedIn {
    return this.store.signedIn(this.now());
  }
}

function other(role: Role): Role {
  return role === 'keeper' ? 'organiser' : 'keeper';
}
