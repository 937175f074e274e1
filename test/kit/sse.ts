// One SSE client for every test: a raw node:http request that parses the event stream as a browser
// would (fields, comments, retry) and lets a test wait for what it expects. `keep: 'ids'` keeps only
// each event's id and name, cheap enough for a hundred streams of megabytes in the server's process.
import { request, type ClientRequest, type IncomingHttpHeaders } from 'node:http';

export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

export interface SseOptions {
  /** 'events' (default) keeps every event whole in `events`; 'ids' keeps only ids and names. */
  keep?: 'events' | 'ids';
}

/** Events as a client receives them (the id as text), to compare with what a server was given. */
export function asReceived(events: ReadonlyArray<{ id: number | string; event: string; data: string }>) {
  return events.map((e): SseMessage => ({ id: String(e.id), event: e.event, data: e.data }));
}

export class SseClient {
  /** Every event so far (stays empty under `keep: 'ids'`). */
  readonly events: SseMessage[] = [];
  comments = 0;
  retry: number | undefined;
  status = 0;
  headers: IncomingHttpHeaders = {};
  /** The text of an answer that is not a stream (a refusal's JSON). */
  body = '';
  ended = false;
  private readonly lean: boolean;
  private pending = '';
  private readonly leanIds: number[] = [];
  private readonly leanNames: string[] = [];
  private readonly names = new Map<string, string>();
  private waiters: Array<() => void> = [];
  private req: ClientRequest | null = null;

  private constructor(keep: 'events' | 'ids') {
    this.lean = keep === 'ids';
  }

  /** Resolves once the answer's head is in (any status); rejects if there is no answer at all. */
  static open(
    url: string,
    headers: Record<string, string> = {},
    options: SseOptions = {},
  ): Promise<SseClient> {
    const c = new SseClient(options.keep ?? 'events');
    return new Promise((resolve, reject) => {
      c.req = request(url, { headers: { Accept: 'text/event-stream', ...headers }, agent: false }, (res) => {
        c.status = res.statusCode ?? 0;
        c.headers = res.headers;
        // latin1 never splits a character across chunks; ids and names are ASCII.
        res.setEncoding(c.lean ? 'latin1' : 'utf8');
        res.on('data', (chunk: string) => (c.status === 200 ? c.feed(chunk) : (c.body += chunk)));
        res.on('end', () => c.finish());
        res.on('close', () => c.finish());
        res.on('error', () => c.finish());
        resolve(c);
      });
      c.req.on('error', (e) => (c.status ? c.finish() : reject(e)));
      c.req.end();
    });
  }

  /** The ids of the events so far, as numbers (of `event` events only, when given). */
  ids(event?: string): number[] {
    if (this.lean) {
      if (event === undefined) return this.leanIds;
      return this.leanIds.filter((_, i) => this.leanNames[i] === event);
    }
    const kept = event === undefined ? this.events : this.events.filter((e) => e.event === event);
    return kept.map((e) => Number(e.id));
  }

  /** Resolves once `predicate` holds for the events so far; rejects if the stream ends first. */
  waitFor(predicate: (events: SseMessage[]) => boolean, ms = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`SSE wait timed out; got ${JSON.stringify(this.events.slice(-4))}`)),
        ms,
      );
      const check = () => {
        if (predicate(this.events)) {
          clearTimeout(timer);
          resolve();
        } else if (this.ended) {
          clearTimeout(timer);
          reject(new Error('stream ended'));
        } else this.waiters.push(check);
      };
      check();
    });
  }

  waitForEnd(ms = 10_000): Promise<void> {
    return this.waitFor(() => this.ended, ms).catch((e) => {
      if (!this.ended) throw e;
    });
  }

  close(): void {
    this.req?.destroy();
  }

  private finish(): void {
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  private feed(chunk: string): void {
    const buf = this.pending + chunk;
    let start = 0;
    let cut = buf.indexOf('\n\n', Math.max(0, this.pending.length - 1));
    while (cut >= 0) {
      this.block(buf, start, cut);
      start = cut + 2;
      cut = buf.indexOf('\n\n', start);
    }
    this.pending = start ? buf.slice(start) : buf;
    this.notify();
  }

  /** One event block, buf[start, end): fields by name, comments counted, unknown fields ignored. */
  private block(buf: string, start: number, end: number): void {
    let id: string | undefined;
    let event: string | undefined;
    let data = '';
    let hasData = false;
    let hasField = false;
    for (let i = start; i < end;) {
      let nl = buf.indexOf('\n', i);
      if (nl < 0 || nl > end) nl = end;
      if (buf.charCodeAt(i) === 58 /* ':' */) {
        this.comments += 1;
      } else {
        let colon = buf.indexOf(':', i);
        if (colon < 0 || colon > nl) colon = nl;
        const field = buf.slice(i, colon);
        const at = colon < nl && buf.charCodeAt(colon + 1) === 32 /* ' ' */ ? colon + 2 : colon + 1;
        if (field === 'id') id = buf.slice(at, nl);
        else if (field === 'event') event = buf.slice(at, nl);
        else if (field === 'data') {
          hasData ||= nl > at;
          if (!this.lean) data = data ? `${data}\n${buf.slice(at, nl)}` : buf.slice(at, nl);
        } else if (field === 'retry') this.retry = Number(buf.slice(at, nl));
        if (field === 'id' || field === 'event' || field === 'data') hasField = true;
      }
      i = nl + 1;
    }
    if (!hasField || !(event || hasData)) return;
    if (this.lean) {
      const name = event ?? 'message';
      if (!this.names.has(name)) this.names.set(name, name);
      this.leanIds.push(Number(id));
      this.leanNames.push(this.names.get(name)!);
      return;
    }
    const msg: SseMessage = { data };
    if (id !== undefined) msg.id = id;
    if (event !== undefined) msg.event = event;
    this.events.push(msg);
  }
}
