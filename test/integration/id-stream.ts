// A lean SSE reader that keeps only the ids of `state` events: cheap enough for a hundred streams of
// megabytes each in the same process as the server (the full SseClient parses every field).
import { get, type ClientRequest } from 'node:http';

export interface IdStream {
  status: number;
  /** Ids of the `state` events received, in order. */
  ids: number[];
  ended: boolean;
  close(): void;
}

const STATE = /(?:^|\n)id: (\d+)\nevent: state\n/g;

export function openIdStream(url: string): Promise<IdStream> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest | null = null;
    const stream: IdStream = { status: 0, ids: [], ended: false, close: () => req?.destroy() };
    req = get(url, { agent: false, headers: { Accept: 'text/event-stream' } }, (res) => {
      stream.status = res.statusCode ?? 0;
      // latin1 never splits a character across chunks, and every field we look at is ASCII.
      res.setEncoding('latin1');
      let pending = '';
      res.on('data', (chunk: string) => {
        pending += chunk;
        const end = pending.lastIndexOf('\n\n');
        if (end < 0) return;
        const complete = pending.slice(0, end + 1);
        pending = pending.slice(end + 2);
        for (const m of complete.matchAll(STATE)) stream.ids.push(Number(m[1]));
      });
      const done = () => (stream.ended = true);
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
      resolve(stream);
    });
    req.on('error', (err) => (stream.status ? (stream.ended = true) : reject(err)));
  });
}
