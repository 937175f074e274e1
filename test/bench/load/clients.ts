// The simulated phones: each holds one SSE stream (its own connection) and notes when every version's
// events arrive; an HTMX client also re-fetches the scoreboard on `refresh-scoreboard`, like htmx.
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { KeepAliveConnection, ResponseParser, requestText } from './http.js';

/** Where the phones connect and what they are expecting. */
export interface Target {
  port: number;
  gameId: string;
  /** Versions 1..bags are expected; index 0 is unused. */
  bags: number;
}

const DATA_VERSION = /data-version="(\d+)"/;

/** Splits an SSE body into events and hands over each event's name and id (the data is not needed). */
class SseReader {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';

  constructor(private readonly onEvent: (event: string, id: number) => void) {}

  feed(chunk: Buffer): void {
    let text = this.rest + this.decoder.write(chunk);
    let cut: number;
    while ((cut = text.indexOf('\n\n')) >= 0) {
      const block = text.slice(0, cut);
      text = text.slice(cut + 2);
      let event = 'message';
      let id = -1;
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('id:')) id = Number(line.slice(3).trim());
      }
      if (id >= 0) this.onEvent(event, id);
    }
    this.rest = text;
  }
}

export class StreamClient {
  /** performance.now() when each version's `state` / `refresh-scoreboard` arrived; 0 = not yet. */
  readonly stateAt: Float64Array;
  readonly refreshAt: Float64Array;
  status = 0;
  ended = false;
  /** Events that arrived again for a version this stream already had (`state` or `refresh-scoreboard`). */
  duplicates = 0;
  /** How long the TCP handshake took (-1 until it completes): a second or more is a dropped SYN. */
  connectMs = -1;
  protected socket: Socket | null = null;
  /** Stamped once per socket read, before any parsing, so parsing cost does not inflate latency. */
  protected now = 0;

  get port(): number {
    return this.target.port;
  }

  constructor(protected readonly target: Target) {
    this.stateAt = new Float64Array(target.bags + 1);
    this.refreshAt = new Float64Array(target.bags + 1);
  }

  /**
   * Resolves with the status once the response head is in (200 for an open stream). `lastEventId`:
   * a browser reconnecting sends the id of the last event it read (the URL stays the page's).
   */
  open(lastEventId?: number): Promise<number> {
    const { port, gameId } = this.target;
    const sse = new SseReader((event, id) => this.onEvent(event, id));
    return new Promise<number>((resolve) => {
      const parser = new ResponseParser({
        head: (h) => {
          this.status = h.status;
          resolve(h.status);
        },
        body: (c) => sse.feed(c),
        end: () => undefined,
      });
      const dialled = performance.now();
      const socket = connect({ port, host: '127.0.0.1', noDelay: true });
      this.socket = socket;
      socket.on('connect', () => {
        this.connectMs = performance.now() - dialled;
        // ?since=0: the page was built from version 0, so no catch-up events are due.
        const path = `/games/${gameId}/events?since=0`;
        const headers: Record<string, string> = { Accept: 'text/event-stream' };
        if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
        socket.write(requestText('GET', path, `127.0.0.1:${port}`, headers));
      });
      socket.on('data', (d: Buffer) => {
        this.now = performance.now();
        parser.feed(d);
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.ended = true;
        resolve(this.status);
      });
    });
  }

  protected onEvent(event: string, id: number): void {
    if (id < 1 || id > this.target.bags) return;
    const at = event === 'state' ? this.stateAt : event === 'refresh-scoreboard' ? this.refreshAt : null;
    if (!at) return;
    if (at[id] === 0) at[id] = this.now;
    else this.duplicates++;
  }

  close(): void {
    this.socket?.destroy();
  }
}

/**
 * A browser page with htmx: on `refresh-scoreboard` it GETs the partial on its own keep-alive
 * connection, sending If-None-Match with the last ETag it saw; a trigger during a request queues one
 * more request (htmx's `queue last`).
 */
export class HtmxClient extends StreamClient {
  /** performance.now() when the page first held HTML of at least that version; 0 = never. */
  readonly freshAt: Float64Array;
  readonly statuses: Record<string, number> = {};
  private readonly fetcher: KeepAliveConnection;
  private etag: string | null = null;
  private version = 0;
  private busy = false;
  private again = false;

  constructor(target: Target) {
    super(target);
    this.freshAt = new Float64Array(target.bags + 1);
    this.fetcher = new KeepAliveConnection(target.port);
  }

  /** A browser has its connection open already (it loaded the page over it). */
  warm(): Promise<void> {
    return this.fetcher.connect();
  }

  protected override onEvent(event: string, id: number): void {
    super.onEvent(event, id);
    if (event === 'refresh-scoreboard') void this.refresh();
  }

  private async refresh(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      do {
        this.again = false;
        const headers: Record<string, string> = this.etag ? { 'If-None-Match': this.etag } : {};
        const a = await this.fetcher.request('GET', `/games/${this.target.gameId}/scoreboard`, headers);
        const at = performance.now();
        this.statuses[a.status] = (this.statuses[a.status] ?? 0) + 1;
        if (a.status === 200) {
          this.version = Number(DATA_VERSION.exec(a.body)?.[1] ?? -1);
          this.etag = a.headers.etag ?? null;
        } else if (a.status !== 304) continue;
        for (let v = 1; v <= Math.min(this.version, this.target.bags); v++) {
          if (this.freshAt[v] === 0) this.freshAt[v] = at;
        }
      } while (this.again);
    } catch {
      this.statuses.error = (this.statuses.error ?? 0) + 1;
    } finally {
      this.busy = false;
    }
  }

  override close(): void {
    super.close();
    this.fetcher.close();
  }
}
