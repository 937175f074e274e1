// SSE wire format: events are validated and serialised once into a Buffer that every stream shares.
import type { SseEvent } from './types.js';

/** A comment line: keeps idle streams (and the proxies and phones between) from timing out. */
export const HEARTBEAT = Buffer.from(':\n\n');

const EVENT_NAME = /^[\w.-]+$/;
const LINE_BREAK = /[\r\n]/;

/** Throws a TypeError naming the problem: a malformed event is a programming error, not a runtime one. */
export function assertEvent(e: SseEvent): void {
  if (!Number.isSafeInteger(e.id) || e.id < 0)
    throw new TypeError(`SSE id must be an integer >= 0, got ${e.id}`);
  if (typeof e.event !== 'string' || !EVENT_NAME.test(e.event)) {
    throw new TypeError(`SSE event name must match ${EVENT_NAME}, got ${JSON.stringify(e.event)}`);
  }
  // A line break would split data into lines the browser joins back, or worse, start a new field.
  if (typeof e.data !== 'string' || LINE_BREAK.test(e.data)) {
    throw new TypeError(`SSE data for ${e.event} must be one line of text`);
  }
}

/** `id: 18\nevent: state\ndata: {...}\n\n` per event, in order, as one Buffer. */
export function encodeEvents(events: readonly SseEvent[]): Buffer {
  let text = '';
  for (const e of events) {
    assertEvent(e);
    text += `id: ${e.id}\nevent: ${e.event}\ndata: ${e.data}\n\n`;
  }
  return Buffer.from(text, 'utf8');
}

/** The bytes a new stream starts with: the reconnect delay hint, then its initial events. */
export function encodePrelude(initial: readonly SseEvent[], retryMs: number | undefined): Buffer {
  const events = encodeEvents(initial);
  if (retryMs === undefined) return events;
  if (!Number.isSafeInteger(retryMs) || retryMs < 0) throw new TypeError(`retryMs must be an integer >= 0`);
  return Buffer.concat([Buffer.from(`retry: ${retryMs}\n\n`), events]);
}

/** The highest id in a batch, or -1 for an empty one. */
export function maxId(events: readonly SseEvent[]): number {
  let max = -1;
  for (const e of events) if (e.id > max) max = e.id;
  return max;
}
