// Request bodies: read with a hard 64 KiB cap (413 past it), parsed as JSON or a form.
import type { Context } from 'koa';
import { HttpError, badRequest } from './errors.js';

export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = () => new HttpError(413, 'too_large', 'The request body is larger than 64 KiB.');

/** Refuses an oversized body by its Content-Length before anything else looks at the request. */
export function checkDeclaredLength(ctx: Context): void {
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
}

export async function readRaw(ctx: Context): Promise<string> {
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
  return Buffer.concat(chunks).toString('utf8');
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
