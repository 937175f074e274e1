// Security headers on every answer: a CSP that allows only this server's own scripts and styles (no
// inline script, no eval), no MIME sniffing, no framing, no referrer leaking a game URL elsewhere.
import type { Context, Next } from 'koa';

const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];

export const CONTENT_SECURITY_POLICY = [...POLICY, "frame-ancestors 'none'"].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // same-origin, not no-referrer: under no-referrer browsers send `Origin: null` on our own form posts.
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

export async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  for (const name in SECURITY_HEADERS) ctx.set(name, SECURITY_HEADERS[name]!);
  await next();
}

/**
 * The one kind of page another site may frame (the overlays): the same policy, but framed by
 * `ancestors` (OVERLAY_FRAME_ANCESTORS, CSP sources; `*` by default) and without X-Frame-Options,
 * which knows no list. Every other answer keeps refusing to be framed.
 */
export function allowFraming(ctx: Context, ancestors: readonly string[] = ['*']): void {
  const sources = ancestors.length ? ancestors.join(' ') : "'none'";
  ctx.set('Content-Security-Policy', [...POLICY, `frame-ancestors ${sources}`].join('; '));
  ctx.remove('X-Frame-Options');
}
