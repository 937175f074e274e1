// Real servers and real SSE clients for the hub tests: a tiny http server that calls hub.open the way
// the route will, and a client that parses the event stream as a browser would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GameTopic, Hub, SseEvent, Topic, TopicEvent } from '../../../server/hub/index.js';

export interface TestServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves `/?topic=game:7` streams from the hub; `initial(topic)` plays the database's part. */
export async function startHubServer(
  hub: Hub,
  initial: (topic: Topic) => TopicEvent<Topic>[] = () => [],
  onOpen?: (res: http.ServerResponse) => void,
): Promise<TestServer> {
  const server = http.createServer((req, res) => {
    const topic = new URL(req.url ?? '/', 'http://x').searchParams.get('topic') as Topic;
    onOpen?.(res);
    const result = hub.open(topic, req, res, initial(topic));
    if (!result.ok) {
      if (res.headersSent) throw new Error('the hub wrote to a refused response');
      res.writeHead(result.status, {
        'content-type': 'application/json',
        'retry-after': String(result.retryAfter),
      });
      res.end(JSON.stringify({ error: result.error }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  events: SseEvent[];
  comments: number;
  retry: number | undefined;
  ended: boolean;
  close(): void;
}

/** Opens a stream; `keepData: false` keeps only event ids and names (for many large events). */
export function openStream(url: string, topic: string, { keepData = true } = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}?topic=${encodeURIComponent(topic)}`, (res) => {
      const client: SseClient = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: '',
        events: [],
        comments: 0,
        retry: undefined,
        ended: false,
        close: () => req.destroy(),
      };
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (client.status !== 200) client.body += chunk;
        pending += chunk;
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          parseBlock(client, pending.slice(0, end), keepData);
          pending = pending.slice(end + 2);
        }
      });
      const done = (): void => {
        client.ended = true;
      };
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
      resolve(client);
    });
    req.on('error', reject);
  });
}

function parseBlock(client: SseClient, block: string, keepData: boolean): void {
  const e: Partial<SseEvent> = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) client.comments++;
    else if (line.startsWith('id: ')) e.id = Number(line.slice(4));
    else if (line.startsWith('event: ')) e.event = line.slice(7);
    else if (line.startsWith('data: ')) e.data = keepData ? line.slice(6) : '';
    else if (line.startsWith('retry: ')) client.retry = Number(line.slice(7));
  }
  if (e.event !== undefined) client.events.push(e as SseEvent);
}

/** Waits for a condition; the cap only turns a hang into a readable failure, it asserts no timing. */
export async function until(cond: () => boolean, what: string, capMs = 10_000): Promise<void> {
  const deadline = Date.now() + capMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const ids = (c: SseClient): number[] => c.events.map((e) => e.id);

/** The two events a game stream sends per accepted write. */
export function gameEvents(version: number, data = `{"version":${version}}`): TopicEvent<GameTopic>[] {
  return [
    { id: version, event: 'refresh-scoreboard', data: 'changed' },
    { id: version, event: 'state', data },
  ];
}
