// The one place a write's result becomes HTTP: an accepted write is published, and its answer
// (first given or replayed) is sent; a refusal is thrown as an HttpError, which errors.ts renders
// as CONTRACT.md's JSON error ({error, code} and, on a 409, the state).
import type { Context } from 'koa';
import type { Answer, Refused, WriteResult } from '../games.js';
import type { Hub } from '../hub/index.js';
import { HttpError } from '../http/errors.js';
import { publishChange } from '../realtime.js';

/** Publishes what an accepted write changed (a replay or a refusal changed nothing). */
export function settle(hub: Hub, result: WriteResult): Answer {
  if (result.kind === 'accepted' || result.kind === 'removed') {
    publishChange(hub, result.change, result.answer.state);
  }
  return result.answer;
}

export function refusalError(answer: Refused): HttpError {
  const extra = answer.status === 409 ? { state: answer.state } : {};
  return new HttpError(answer.status, answer.code, answer.error, extra, { 'Cache-Control': 'no-store' });
}

/** A JSON API write: 200/201 with the state (204, none), or the refusal thrown for the error middleware. */
export function sendWrite(ctx: Context, hub: Hub, result: WriteResult): void {
  const answer = settle(hub, result);
  if (!answer.ok) throw refusalError(answer);
  ctx.set('Cache-Control', 'no-store');
  if (answer.state === null) {
    ctx.status = 204;
    ctx.body = null;
    return;
  }
  ctx.status = answer.status;
  ctx.body = answer.state;
}
