// Keeper login and logout: the PIN in a form, a signed HttpOnly SameSite=Strict cookie back.
import Router from '@koa/router';
import type { Context } from 'koa';
import { SESSION_COOKIE } from '../auth.js';
import { readForm } from '../http/body.js';
import { HttpError } from '../http/errors.js';
import { clientAddress } from '../http/guard.js';
import { loginPage } from '../views/pages/login.js';
import { layoutBase, sendHtml, type AppDeps } from './context.js';

/** Only paths on this server: never an open redirect. */
export function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(raw) ? raw : '/host';
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
    if (!keepers.checkPin(pin)) {
      keepers.recordFailure(address);
      const wait = keepers.lockedFor(address);
      if (wait > 0) {
        throw new HttpError(
          429,
          'too_many_attempts',
          `Too many wrong PINs. Try again in ${wait} seconds.`,
          {},
          { 'Retry-After': String(wait) },
        );
      }
      const message = 'That PIN is not right. Check the host laptop and try again.';
      // A person's browser gets the form back with the message; a script gets CONTRACT.md's JSON error.
      if (ctx.accepts(['json', 'html']) !== 'html') throw new HttpError(401, 'wrong_pin', message);
      ctx.status = 401;
      sendHtml(ctx, loginPage(next, message, layoutBase(ctx, deps)));
      ctx.status = 401;
      return;
    }
    keepers.recordSuccess(address);
    setKeeperCookie(ctx, keepers.createSession(), deps.sessionTtlMs);
    ctx.status = 303;
    ctx.redirect(next);
  });

  router.post('/keeper/logout', (ctx) => {
    ctx.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', maxAge: 0 });
    ctx.status = 303;
    ctx.redirect('/');
  });

  return router;
}
