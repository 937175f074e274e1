// Request bodies: read with a hard 64 KiB cap (413 past it), parsed as JSON or a form.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'koa';
import { HttpError, badRequest } from './errors.js';

export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = () => new HttpError(413, 'too_large', 'The request body is larger than 64 KiB.');

/** Refuses an oversized body by its Content-Length before anything else looks at the request. */
export function checkDeclaredLength(ctx: Context): void {
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
}

/** True when the request carries a body: declared by length, or streamed chunked without one. */
export function hasBody(ctx: Context): boolean {
  return ctx.get('Transfer-Encoding') !== '' || Number(ctx.get('Content-Length') || 0) > 0;
}

// The guard reads a body before it looks at the PIN, so that an oversized chunked upload answers 413
// ahead of 401 (CONTRACT.md's order); the route then gets the same text without reading twice.
const readBodies = new WeakMap<IncomingMessage, string>();

export async function readRaw(ctx: Context): Promise<string> {
  const done = readBodies.get(ctx.req);
  if (done !== undefined) return done;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      ctx.set('Connection', 'close');
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  readBodies.set(ctx.req, text);
  return text;
}

/** A JSON body; an empty body is `{}` so that bodiless writes (undo) need no ceremony. */
export async function readJson(ctx: Context): Promise<unknown> {
  const text = await readRaw(ctx);
  if (text.trim() === '') return {};
  if (!ctx.is('application/json')) {
    throw badRequest('Send the body as JSON (Content-Type: application/json).', 'bad_content_type');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('The body is not valid JSON.', 'malformed_json');
  }
}

export async function readForm(ctx: Context): Promise<URLSearchParams> {
  const text = await readRaw(ctx);
  return new URLSearchParams(text);
}
