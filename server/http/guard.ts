// The front door, in CONTRACT.md's order: foreign Host (403), oversized body (413), locked-out address
// (429), missing keeper access or wrong PIN (401), cookie write from a foreign Origin (403). What
// follows (400 / 404 / 409) belongs to the routes.
import type { Context, Next } from 'koa';
import type { Keepers } from '../auth.js';
import { SESSION_COOKIE } from '../auth.js';
import { checkDeclaredLength } from './body.js';
import { HttpError } from './errors.js';

export interface Access {
  keeper: boolean;
  via: 'bearer' | 'cookie' | null;
}

declare module 'koa' {
  interface DefaultState {
    access: Access;
  }
}

/** Strips the port (and IPv6 brackets) from a Host header value. */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon >= 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.replace(/^::ffff:/, '');
  return a === '::1' || a.startsWith('127.') || a === 'localhost';
}

/** A write is anything but reading; the login form itself is where a PIN is checked, not required. */
function isWrite(ctx: Context): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(ctx.method);
}

function bearer(ctx: Context): string | null {
  const header = ctx.get('Authorization');
  const m = /^Bearer\s+(.+)$/i.exec(header);
  return m ? m[1]!.trim() : null;
}

export function clientAddress(ctx: Context): string {
  return ctx.req.socket.remoteAddress ?? 'unknown';
}

export function guard(opts: { keepers: Keepers; allowedHost: (name: string) => boolean }) {
  const { keepers } = opts;
  return async function guardMiddleware(ctx: Context, next: Next): Promise<void> {
    const host = hostName(ctx.get('Host'));
    if (!host || !opts.allowedHost(host)) {
      throw new HttpError(403, 'foreign_host', `This server does not answer to the name "${host}".`);
    }
    checkDeclaredLength(ctx);

    const address = clientAddress(ctx);
    const pin = bearer(ctx);
    const isLogin = ctx.path === '/keeper/login' && ctx.method === 'POST';
    if (pin !== null || isLogin) {
      const wait = keepers.lockedFor(address);
      if (wait > 0) {
        throw new HttpError(
          429,
          'too_many_attempts',
          `Too many wrong PINs from this device. Try again in ${wait} seconds.`,
          {},
          { 'Retry-After': String(wait) },
        );
      }
    }

    let access: Access = { keeper: false, via: null };
    if (pin !== null) {
      if (!keepers.checkPin(pin)) {
        keepers.recordFailure(address);
        throw new HttpError(401, 'wrong_pin', 'That keeper PIN is wrong.');
      }
      keepers.recordSuccess(address);
      access = { keeper: true, via: 'bearer' };
    } else if (keepers.verifySession(ctx.cookies.get(SESSION_COOKIE))) {
      access = { keeper: true, via: 'cookie' };
    }
    ctx.state.access = access;

    if (isWrite(ctx) && !isLogin && ctx.path !== '/keeper/logout') {
      if (!access.keeper) {
        throw new HttpError(401, 'keeper_required', 'Recording scores needs the keeper PIN.');
      }
      if (access.via === 'cookie') checkOrigin(ctx);
    } else if (isWrite(ctx)) {
      checkOrigin(ctx);
    }
    await next();
  };
}

/** A cookie can ride along on a request another page makes; only our own pages may use it to write. */
function checkOrigin(ctx: Context): void {
  const origin = ctx.get('Origin');
  if (!origin)
    throw new HttpError(403, 'origin_required', 'This write came without an Origin; reload the page.');
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    throw new HttpError(403, 'foreign_origin', 'This write came from another site and was refused.');
  }
  if (originHost !== ctx.get('Host').toLowerCase()) {
    throw new HttpError(403, 'foreign_origin', 'This write came from another site and was refused.');
  }
}
