// Keeper login and logout: a PIN in a form (the keeper's or the organiser's), an HttpOnly
// SameSite=Strict cookie back that names a session kept in the database; logout ends it at once.
import Router from '@koa/router';
import type { Context } from 'koa';
import { SESSION_COOKIE, type Role } from '../auth.js';
import { readForm } from '../http/body.js';
import { HttpError } from '../http/errors.js';
import { clientAddress, tooManyWrongPins } from '../http/guard.js';
import { loginPage } from '../views/pages/login.js';
import { layoutBase, sendHtml, type AppDeps } from './context.js';

/** Only paths on this server: never an open redirect. '' when none was asked for. */
export function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(raw) ? raw : '';
}

/** Where a sign-in lands unless it came from a page: keepers on the boards, the organiser at the console. */
export function landing(role: Role): string {
  return role === 'organiser' ? '/host' : '/';
}

export function setKeeperCookie(ctx: Context, token: string, ttlMs: number): void {
  ctx.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    maxAge: ttlMs,
    overwrite: true,
  });
}

export function keeperRouter(deps: AppDeps): Router {
  const { keepers } = deps;
  const router = new Router();

  router.get('/keeper/login', (ctx) => {
    sendHtml(ctx, loginPage(safeNext(ctx.query.next), null, layoutBase(ctx, deps)));
  });

  router.post('/keeper/login', async (ctx) => {
    const form = await readForm(ctx);
    const next = safeNext(form.get('next'));
    const pin = (form.get('pin') ?? '').trim();
    const address = clientAddress(ctx);
    const role = keepers.roleOf(pin);
    if (!role) {
      const failure = await deps.limiter.failed(address);
      const message = 'That PIN is not right. Check the host laptop and try again.';
      if (failure.wait > 0) {
        const why = failure.venueSlowed
          ? 'So many wrong PINs are coming in at this venue that this device'
          : 'After so many wrong PINs this device';
        throw tooManyWrongPins(
          failure.wait,
          `That PIN is not right. ${why} must wait ${failure.wait} seconds before its next try.`,
        );
      }
      // A person's browser gets the form back with the message; a script gets CONTRACT.md's JSON error.
      if (ctx.accepts(['json', 'html']) !== 'html') throw new HttpError(401, 'wrong_pin', message);
      ctx.status = 401;
      sendHtml(ctx, loginPage(next, message, layoutBase(ctx, deps)));
      ctx.status = 401;
      return;
    }
    await deps.limiter.succeeded(address, await deps.limiter.check(address));
    // A new sign-in replaces whatever session this browser had.
    const old = ctx.state.access?.session;
    if (old) keepers.endSession(old);
    setKeeperCookie(ctx, keepers.createSession(role), deps.sessionTtlMs);
    ctx.status = 303;
    ctx.redirect(next || landing(role));
  });

  router.post('/keeper/logout', (ctx) => {
    const session = ctx.state.access?.session;
    if (session) keepers.endSession(session);
    ctx.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', maxAge: 0 });
    ctx.status = 303;
    ctx.redirect('/');
  });

  return router;
}
