// A real BagTrax server on port 0 in a fresh DATA_DIR, and small clients for it: JSON requests with
// the keeper PIN and a raw SSE reader.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, testSettings, type RunningServer, type ServerSettings } from '../../server/start.js';

export const TEST_PIN = '2468';

/** RAM-backed scratch space where the machine has it: fsync there costs nothing, so tests stay fast. */
export function scratchRoot(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

export interface TestServer extends RunningServer {
  pin: string;
  /** JSON request; `auth: false` leaves the PIN out. */
  api(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    auth?: boolean,
  ): Promise<ApiAnswer>;
  get(path: string, headers?: Record<string, string>): Promise<ApiAnswer>;
  createGame(
    body?: Record<string, unknown>,
  ): Promise<{ id: string; version: number } & Record<string, unknown>>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A fetch response as tests read it: status, headers, text, and the JSON when it is JSON. */
export async function readAnswer(res: Response): Promise<ApiAnswer> {
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export async function startTestServer(overrides: Partial<ServerSettings> = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(scratchRoot(), 'bagtrax-test-'));
  const running = await startServer(testSettings({ keeperPin: TEST_PIN, ...overrides, dataDir }));
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    auth = true,
  ) => {
    const res = await fetch(running.url + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(auth ? { Authorization: `Bearer ${TEST_PIN}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return readAnswer(res);
  };
  return {
    ...running,
    pin: TEST_PIN,
    api: call,
    get: (path, headers) => call('GET', path, undefined, headers, false),
    async createGame(body = {}) {
      const a = await call('POST', '/api/games', { home: { name: 'Home' }, away: { name: 'Away' }, ...body });
      if (a.status !== 201) throw new Error(`create failed: ${a.status} ${a.text}`);
      return a.json as { id: string; version: number } & Record<string, unknown>;
    },
    async stop() {
      await running.stop();
      if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

/** A raw SSE client over node:http: collects parsed events and lets a test wait for one. */
export class SseClient {
  readonly events: SseMessage[] = [];
  comments = 0;
  status = 0;
  headers: IncomingMessage['headers'] = {};
  ended = false;
  private buffer = '';
  private waiters: Array<() => void> = [];
  private req: ReturnType<typeof httpRequest> | null = null;

  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const c = new SseClient();
    return new Promise((resolve, reject) => {
      c.req = httpRequest(
        url,
        { headers: { Accept: 'text/event-stream', ...headers }, agent: false },
        (res) => {
          c.status = res.statusCode ?? 0;
          c.headers = res.headers;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => c.feed(chunk));
          res.on('end', () => c.finish());
          res.on('close', () => c.finish());
          res.on('error', () => c.finish());
          resolve(c);
        },
      );
      c.req.on('error', (e) => (c.status ? c.finish() : reject(e)));
      c.req.end();
    });
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
    this.buffer += chunk;
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      const msg: SseMessage = { data: '' };
      let hasField = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments += 1;
          continue;
        }
        const i = line.indexOf(':');
        const field = i < 0 ? line : line.slice(0, i);
        const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
        if (field === 'id') msg.id = value;
        else if (field === 'event') msg.event = value;
        else if (field === 'data') msg.data = msg.data ? `${msg.data}\n${value}` : value;
        else continue;
        hasField = true;
      }
      if (hasField && (msg.event || msg.data)) this.events.push(msg);
    }
    this.notify();
  }

  /** Resolves once `predicate` holds for the events so far (or rejects after `ms`). */
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
}
