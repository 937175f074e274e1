// One-time messages after a form post ("The next game is on."): a short-lived signed cookie the next
// page reads once and clears, so the message never sits in the URL and is gone on a reload.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';

export const FLASH_COOKIE = 'bagtrax_flash';
/** Long enough for the redirect it rides on; a message nobody picked up soon after is stale. */
export const FLASH_TTL_MS = 60_000;
const MAX_MESSAGE = 300;

export type FlashTone = 'ok' | 'error';
export interface Flash {
  message: string;
  tone: FlashTone;
}

// The key lives only in this process: a message is read by the instance whose form set it.
const KEY = randomBytes(32);

const sign = (payload: string) => createHmac('sha256', KEY).update(payload).digest().subarray(0, 18);

function encode(flash: Flash, expires: number): string {
  const payload = Buffer.from(JSON.stringify({ m: flash.message, t: flash.tone, e: expires })).toString(
    'base64url',
  );
  return `${payload}.${sign(payload).toString('base64url')}`;
}

/** The message a cookie value carries, or null when it is forged, malformed or expired. */
export function decodeFlash(value: string | undefined, now = Date.now()): Flash | null {
  if (!value || value.length > 1200) return null;
  const [payload = '', mac = ''] = value.split('.');
  const given = Buffer.from(mac, 'base64url');
  const expected = sign(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      m?: unknown;
      t?: unknown;
      e?: unknown;
    };
    if (typeof v.m !== 'string' || typeof v.e !== 'number' || v.e < now) return null;
    return { message: v.m.slice(0, MAX_MESSAGE), tone: v.t === 'error' ? 'error' : 'ok' };
  } catch {
    return null;
  }
}

const OPTIONS = { httpOnly: true, sameSite: 'strict' as const, path: '/', overwrite: true };

/** Sets the message the next page shows once. */
export function setFlash(ctx: Context, message: string, tone: FlashTone = 'ok'): void {
  const flash = { message: message.slice(0, MAX_MESSAGE), tone };
  ctx.cookies.set(FLASH_COOKIE, encode(flash, Date.now() + FLASH_TTL_MS), {
    ...OPTIONS,
    maxAge: FLASH_TTL_MS,
  });
}

/** The message waiting for this page, if any; reading it clears it. */
export function takeFlash(ctx: Context): Flash | null {
  const value = ctx.cookies.get(FLASH_COOKIE);
  if (value === undefined) return null;
  ctx.cookies.set(FLASH_COOKIE, '', { ...OPTIONS, maxAge: 0 });
  return decodeFlash(value);
}
