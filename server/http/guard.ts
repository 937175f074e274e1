// The front door, in CONTRACT.md's order: foreign Host (403), oversized body (413), locked-out address
// (429), missing keeper access or wrong PIN (401), cookie write from a foreign Origin (403). What
// follows (400 / 404 / 409) belongs to the routes.
import type { Context, Next } from 'koa';
import type { Keepers } from '../auth.js';
import { SESSION_COOKIE } from '../auth.js';
import { checkDeclaredLength, hasBody, readRaw } from './body.js';
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

// A Host is a name or address, then at most a numeric port; anything else (`a:1@b`, spaces) is no name
// of ours. IPv6 literals come in brackets; a bare one (`::1`) is accepted as a whole.
const HOST_HEADER = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9._-]+))(?::\d{1,5})?$/;

/** The name in a Host header value without port or brackets, or '' when it is malformed. */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  const m = HOST_HEADER.exec(h);
  if (m) return m[1] ?? m[2] ?? '';
  return /^[0-9a-f:]+$/.test(h) && h.includes('::') ? h : '';
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
      const shown = host || ctx.get('Host').trim().slice(0, 100);
      throw new HttpError(403, 'foreign_host', `This server does not answer to the name "${shown}".`);
    }
    checkDeclaredLength(ctx);
    // A chunked body declares no length: read it (64 KiB at most) before any PIN is looked at.
    if (hasBody(ctx)) await readRaw(ctx);

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
