// HTTP errors are thrown anywhere and rendered in one place: JSON for the API and scripts, a readable
// page for a person's browser. A client hanging up is not an error and is never logged.
import type { Context, Next } from 'koa';
import { errorPage } from '../views/pages/error.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = 'bad_request') => new HttpError(400, code, message);
export const notFound = (message = 'There is no such game.', code = 'not_found') =>
  new HttpError(404, code, message);

const DEFAULT_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'too_many_attempts',
  503: 'unavailable',
};

/**
 * Errors thrown by libraries (the router's 405, Koa's own) carry a bare status phrase such as
 * "Method Not Allowed": give the person a sentence they can act on instead.
 */
function plainSentence(ctx: Context, status: number, fallback: string | undefined): string {
  if (status === 405) return `This address does not take ${ctx.method} requests.`;
  if (status === 501) return `This server does not understand ${ctx.method} requests.`;
  const text = (fallback ?? '').trim();
  if (!text) return 'The request was refused.';
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function isClientHangup(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'EPIPE';
}

function wantsHtml(ctx: Context): boolean {
  if (ctx.path.startsWith('/api/')) return false;
  if (ctx.get('HX-Request')) return false;
  return ctx.accepts(['json', 'html']) === 'html' && !ctx.get('Accept').includes('event-stream');
}

export async function errorMiddleware(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined && ctx.respond !== false) {
      throw notFound('There is nothing at this address.', 'not_found');
    }
  } catch (err) {
    if (ctx.respond === false || ctx.res.headersSent) {
      if (!isClientHangup(err)) ctx.app.emit('error', err, ctx);
      return;
    }
    const e = err as Partial<HttpError> & {
      status?: number;
      expose?: boolean;
      headers?: Record<string, string>;
    };
    const status = typeof e.status === 'number' && e.status >= 400 && e.status < 600 ? e.status : 500;
    const message =
      err instanceof HttpError
        ? err.message
        : status >= 500
          ? 'Something went wrong on the scoreboard laptop. Try again in a moment.'
          : plainSentence(ctx, status, e.message);
    const code = err instanceof HttpError ? err.code : (DEFAULT_CODES[status] ?? 'error');
    if (status >= 500 && !(err instanceof HttpError)) ctx.app.emit('error', err, ctx);
    ctx.status = status;
    for (const [k, v] of Object.entries(e.headers ?? {})) ctx.set(k, v);
    if (wantsHtml(ctx)) {
      ctx.type = 'html';
      ctx.body = errorPage(status, message).value;
    } else {
      ctx.body = { error: message, code, ...(err instanceof HttpError ? err.extra : {}) };
    }
  }
}
