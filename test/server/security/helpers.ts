// Clients for the security tests: a keeper cookie from the real login form, checks on a refusal's
// shape, and every read and write route.
import { expect } from 'vitest';
import type { IncomingHttpHeaders } from 'node:http';
import { SESSION_COOKIE } from '../../../server/auth.js';
import { decodeFlash, FLASH_COOKIE } from '../../../server/http/flash.js';
import type { TestServer } from '../../kit/server.js';
import { TEST_PIN } from '../../kit/settings.js';

/** A keeper session cookie (`name=value`) from the real login form, posted from the server's origin. */
export async function keeperCookie(server: TestServer, pin = TEST_PIN): Promise<string> {
  const res = await fetch(`${server.url}/keeper/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
    body: `pin=${pin}&next=/`,
  });
  expect(res.status).toBe(303);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  expect(cookie).toBeDefined();
  return cookie!.split(';')[0]!;
}

/** The cookies an answer sets, by name: the session's and the one-time message's. */
export function setCookies(answer: { headers: IncomingHttpHeaders }, name: string): string[] {
  return ([] as string[]).concat(answer.headers['set-cookie'] ?? []).filter((c) => c.startsWith(`${name}=`));
}

/**
 * The one-time message a form's 303 carries (a signed cookie of an in-process server; the URL carries
 * none), or null.
 */
export function flashMessage(answer: { headers: IncomingHttpHeaders }): string | null {
  expect(answer.headers.location ?? '').not.toContain('msg=');
  const value = setCookies(answer, FLASH_COOKIE)[0]
    ?.split(';')[0]
    ?.slice(FLASH_COOKIE.length + 1);
  return decodeFlash(value)?.message ?? null;
}

/** CONTRACT.md's error shape: a status, a sentence a person can act on, and a machine code. */
export function expectRefused(
  answer: { status: number; json: unknown },
  status: number,
  code?: string | RegExp,
): void {
  const body = answer.json as { error?: unknown; code?: unknown } | null;
  expect({ status: answer.status, body }).toMatchObject({ status });
  expect(typeof body?.error, `error sentence in ${JSON.stringify(body)}`).toBe('string');
  expect(body!.error as string).toMatch(/^\S.{9,}[.!?]$/s);
  expect(typeof body?.code).toBe('string');
  expect(body!.code as string).toMatch(/^[a-z_]+$/);
  if (code !== undefined) expect(body!.code).toMatch(code);
}

/** The game's full state as text, to compare before and after a refused write. */
export async function stateText(server: TestServer, id: string): Promise<string> {
  const res = await server.get(`/api/games/${id}/state`);
  expect(res.status).toBe(200);
  return res.text;
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

/** Every write route with a body that would be accepted, so only the check under test can fail it. */
export function writeRoutes(gameId: string): Array<{ path: string; type: string; body: string }> {
  return [
    { path: '/api/games', type: JSON_TYPE, body: '{"home":{"name":"A"},"away":{"name":"B"}}' },
    { path: `/api/games/${gameId}/throws`, type: JSON_TYPE, body: '{"side":"home","result":"hole"}' },
    {
      path: `/api/games/${gameId}/rounds`,
      type: JSON_TYPE,
      body: '{"home":{"hole":1,"board":0},"away":{"hole":0,"board":0}}',
    },
    { path: `/api/games/${gameId}/undo`, type: JSON_TYPE, body: '' },
    { path: '/host/games', type: FORM, body: 'home=A&away=B' },
    { path: '/host/boards', type: FORM, body: 'count=4' },
    { path: '/host/boards/1/next', type: FORM, body: '' },
    { path: '/host/pin', type: FORM, body: 'pin=13579' },
    { path: '/host/sign-out-all', type: FORM, body: '' },
  ];
}

/** Every read surface, for checks that must hold on all of them (Host, headers). */
export function readRoutes(gameId: string): string[] {
  return [
    '/',
    '/tv',
    '/boards',
    '/boards/1',
    `/games/${gameId}`,
    `/games/${gameId}/scoreboard`,
    `/api/games/${gameId}/state`,
    '/api/games',
    '/api/health',
    `/api/games/${gameId}/export.csv`,
    '/api/export.json',
    `/keep/${gameId}`,
    '/keep/new',
    '/host',
    '/host/join',
    '/keeper/login',
    '/assets/app.js',
    '/assets/app.css',
    '/favicon.ico',
    '/no-such-page',
  ];
}
