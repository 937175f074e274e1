// One HTTP request on its own connection over node:http, for what fetch cannot send: a forged Host
// header, a chunked upload, the head of a stream that never ends.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { answerOf, type Answer } from './answer.js';

export type RawAnswer = Answer<IncomingHttpHeaders>;

export interface RawOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Sent with a Content-Length (but on GET and HEAD, Node sends one only if `headers` name it). */
  body?: string | Buffer;
  /** Sent chunked (no Content-Length), one write per chunk. */
  chunks?: Array<string | Buffer>;
  /** Stop after the head: for event streams, which never end. */
  headOnly?: boolean;
}

/** One request on its own connection; a server that answers before reading the whole upload is fine. */
export function raw(baseUrl: string, path: string, o: RawOptions = {}): Promise<RawAnswer> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      url,
      { method: o.method ?? 'GET', headers: o.headers ?? {}, agent: false },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        const done = () =>
          resolve(answerOf(res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString('utf8')));
        if (o.headOnly) {
          done();
          req.destroy();
          return;
        }
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', done);
        res.on('error', done);
      },
    );
    // The server may close while we are still uploading; only a failure before any answer counts.
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (o.chunks) {
      for (const c of o.chunks) req.write(c);
      req.end();
    } else {
      req.end(o.body);
    }
  });
}
