// A lean HTTP/1.1 client over raw sockets: the load generator runs thousands of connections on one
// core, so each byte is parsed once and no per-request machinery sits between the socket and the clock.
import { connect, type Socket } from 'node:net';

export interface Head {
  status: number;
  headers: Record<string, string>;
}

export interface Sink {
  head(head: Head): void;
  body(chunk: Buffer): void;
  /** The response is complete (never called for a body that lasts until the connection closes). */
  end(): void;
}

const EMPTY = Buffer.alloc(0);
type Mode = 'head' | 'length' | 'close' | 'size' | 'chunk' | 'crlf' | 'trailer';

function parseHead(text: string): Head {
  const lines = text.split('\r\n');
  const status = Number(lines[0]?.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers };
}

/** Incremental response parser: Content-Length, chunked, or close-delimited bodies; keep-alive. */
export class ResponseParser {
  private pending: Buffer = EMPTY;
  private mode: Mode = 'head';
  private remaining = 0;

  constructor(private readonly sink: Sink) {}

  feed(data: Buffer): void {
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
    this.pending = EMPTY;
    let i = 0;
    while (i < buf.length) {
      if (this.mode === 'head') {
        const end = buf.indexOf('\r\n\r\n', i, 'latin1');
        if (end < 0) break;
        const head = parseHead(buf.toString('latin1', i, end));
        i = end + 4;
        this.sink.head(head);
        const length = head.headers['content-length'];
        if (head.status === 304 || head.status === 204) this.done();
        else if (head.headers['transfer-encoding']?.includes('chunked')) this.mode = 'size';
        else if (length !== undefined) {
          this.remaining = Number(length);
          this.mode = 'length';
          if (this.remaining === 0) this.done();
        } else this.mode = 'close';
      } else if (this.mode === 'length' || this.mode === 'chunk') {
        const n = Math.min(this.remaining, buf.length - i);
        this.sink.body(buf.subarray(i, i + n));
        i += n;
        this.remaining -= n;
        if (this.remaining > 0) continue;
        if (this.mode === 'length') this.done();
        else this.mode = 'crlf';
      } else if (this.mode === 'close') {
        this.sink.body(buf.subarray(i));
        i = buf.length;
      } else if (this.mode === 'crlf') {
        if (buf.length - i < 2) break;
        i += 2;
        this.mode = 'size';
      } else {
        const end = buf.indexOf('\r\n', i, 'latin1');
        if (end < 0) break;
        const line = buf.toString('latin1', i, end);
        i = end + 2;
        if (this.mode === 'trailer') {
          if (line === '') this.done();
        } else {
          this.remaining = parseInt(line, 16);
          this.mode = this.remaining === 0 ? 'trailer' : 'chunk';
        }
      }
    }
    if (i < buf.length) this.pending = Buffer.from(buf.subarray(i));
  }

  private done(): void {
    this.mode = 'head';
    this.sink.end();
  }
}

export function requestText(
  method: string,
  path: string,
  host: string,
  headers: Record<string, string> = {},
  body?: string,
): string {
  let text = `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\n`;
  for (const [k, v] of Object.entries(headers)) text += `${k}: ${v}\r\n`;
  if (body !== undefined) text += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
  return `${text}\r\n${body ?? ''}`;
}

export interface Answer extends Head {
  body: string;
}

/**
 * One keep-alive connection, one request at a time (as a browser uses an HTTP/1.1 connection).
 * It reconnects when the server has closed it while idle.
 */
export class KeepAliveConnection {
  private socket: Socket | null = null;
  private ready: Promise<void> | null = null;
  private current: { resolve(a: Answer): void; reject(e: Error): void } | null = null;
  private head: Head = { status: 0, headers: {} };
  private chunks: Buffer[] = [];

  constructor(
    private readonly port: number,
    private readonly host = '127.0.0.1',
  ) {}

  /** Opens the TCP connection ahead of the first request. */
  connect(): Promise<void> {
    if (this.ready) return this.ready;
    const parser = new ResponseParser({
      head: (h) => {
        this.head = h;
        this.chunks = [];
      },
      body: (c) => this.chunks.push(c),
      end: () => {
        const waiting = this.current;
        this.current = null;
        waiting?.resolve({ ...this.head, body: Buffer.concat(this.chunks).toString('utf8') });
      },
    });
    const socket = connect({ port: this.port, host: this.host, noDelay: true });
    this.socket = socket;
    this.ready = new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    socket.on('data', (d: Buffer) => parser.feed(d));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.socket === socket) {
        this.socket = null;
        this.ready = null;
      }
      const waiting = this.current;
      this.current = null;
      waiting?.reject(new Error('connection closed before the answer'));
    });
    return this.ready;
  }

  async request(
    method: string,
    path: string,
    headers?: Record<string, string>,
    body?: string,
  ): Promise<Answer> {
    if (this.current) throw new Error('one request at a time on a connection');
    await this.connect();
    return new Promise<Answer>((resolve, reject) => {
      this.current = { resolve, reject };
      this.socket!.write(requestText(method, path, `${this.host}:${this.port}`, headers, body));
    });
  }

  close(): void {
    this.socket?.destroy();
  }
}
