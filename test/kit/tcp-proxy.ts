// A TCP proxy that can cut a link: between a server and Redis it forwards bytes both ways until
// paused. `hold` is a link gone silent (nothing is forwarded, connections stay open, new ones wait,
// as when a venue's uplink drops packets); `drop` is a link that resets (every connection is closed
// and new ones are closed at once). resume() forwards again, what was held first, in order.
import { connect, createServer, type Server, type Socket } from 'node:net';

export type CutMode = 'hold' | 'drop';

interface Pair {
  client: Socket;
  upstream: Socket | null;
  /** Bytes held while the link is cut, each way. */
  up: Buffer[];
  down: Buffer[];
  /** Redis closed its side while the link was silent: the client learns it once the link is back. */
  gone: boolean;
}

export class PausableProxy {
  private mode: CutMode | null = null;
  private readonly pairs = new Set<Pair>();
  /** Connections the proxy has accepted and closed while dropping. */
  refused = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<PausableProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const proxy = new PausableProxy(server, port, { host: targetHost, port: targetPort });
    server.on('connection', (client) => proxy.accept(client));
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Open connections through the proxy. */
  get connections(): number {
    return this.pairs.size;
  }

  pause(mode: CutMode): void {
    this.mode = mode;
    if (mode === 'drop') for (const pair of [...this.pairs]) this.end(pair);
  }

  resume(): void {
    this.mode = null;
    for (const pair of [...this.pairs]) {
      if (pair.gone) {
        this.end(pair);
        continue;
      }
      if (!pair.upstream) this.connectUpstream(pair);
      for (const chunk of pair.up.splice(0)) pair.upstream!.write(chunk);
      for (const chunk of pair.down.splice(0)) pair.client.write(chunk);
    }
  }

  async close(): Promise<void> {
    for (const pair of [...this.pairs]) this.end(pair);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.mode === 'drop') {
      this.refused++;
      client.destroy();
      return;
    }
    const pair: Pair = { client, upstream: null, up: [], down: [], gone: false };
    this.pairs.add(pair);
    client.setNoDelay(true);
    client.on('data', (chunk: Buffer) => {
      if (this.mode !== null || !pair.upstream) pair.up.push(chunk);
      else pair.upstream.write(chunk);
    });
    client.on('error', () => this.end(pair));
    client.on('close', () => this.end(pair));
    // A silent link: the connection is taken but reaches Redis only once the link is back.
    if (this.mode === null) this.connectUpstream(pair);
  }

  private connectUpstream(pair: Pair): void {
    const upstream = connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.setNoDelay(true);
    upstream.on('data', (chunk: Buffer) => {
      if (this.mode !== null) pair.down.push(chunk);
      else pair.client.write(chunk);
    });
    const lost = () => {
      if (this.mode === 'hold') pair.gone = true;
      else this.end(pair);
    };
    upstream.on('error', lost);
    upstream.on('close', lost);
  }

  private end(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    pair.client.destroy();
    pair.upstream?.destroy();
  }
}
