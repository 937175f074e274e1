// A real server for the hub tests: a tiny http server that calls hub.open the way the route will,
// read with the kit's SSE client.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GameTopic, Hub, Topic, TopicEvent } from '../../../server/hub/index.js';
import { SseClient, type SseOptions } from '../../kit/sse.js';

export interface HubServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves `/?topic=game:7` streams from the hub; `initial(topic)` plays the database's part. */
export async function startHubServer(
  hub: Hub,
  initial: (topic: Topic) => TopicEvent<Topic>[] = () => [],
  onOpen?: (res: http.ServerResponse) => void,
): Promise<HubServer> {
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

/** Opens a stream of `topic` on a hub server (see SseClient for `keep`). */
export function openStream(url: string, topic: string, options: SseOptions = {}): Promise<SseClient> {
  return SseClient.open(`${url}?topic=${encodeURIComponent(topic)}`, {}, options);
}

/** The two events a game stream sends per accepted write. */
export function gameEvents(version: number, data = `{"version":${version}}`): TopicEvent<GameTopic>[] {
  return [
    { id: version, event: 'refresh-scoreboard', data: 'changed' },
    { id: version, event: 'state', data },
  ];
}
