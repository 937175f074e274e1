// The test kit itself: a child server gets the very settings an in-process one gets, and the one SSE
// client reads a stream the same in both modes however the bytes are cut.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../server/start.js';
import { settingsEnv, testSettings } from './settings.js';
import { SseClient } from './sse.js';

describe('settingsEnv', () => {
  it('gives back the same settings through loadSettings, defaults or not', () => {
    const plain = testSettings({ dataDir: '/data/plain' });
    const changed = testSettings({
      dataDir: '/data/changed',
      keeperPin: '97531',
      hub: 'redis',
      redisUrl: 'redis://10.0.0.2:6380',
      hostnames: ['scores.example', 'bagtrax.lan'],
      mdns: true,
      port: 4321,
      host: '::',
      maxQueuedBytes: 1234,
      maxStreams: 5,
      maxStreamsPerAddress: 2,
      maxStreamLifetimeMs: 777,
      heartbeatMs: 50,
      loginAttempts: 3,
      loginLockoutMs: 999,
      sessionTtlMs: 60_000,
    });
    for (const s of [plain, changed]) {
      expect(loadSettings(settingsEnv(s), { dataDir: '/elsewhere' })).toEqual(s);
    }
  });

  it('refuses the desktop-only port fallback, which has no variable', () => {
    expect(() => settingsEnv(testSettings({ dataDir: '/d', portFallback: true }))).toThrow(/portFallback/);
  });
});

// Comments, retry, a two-line data field, an event without a name, a field without a colon, and
// a character of three UTF-8 bytes, written one piece at a time so they arrive cut anywhere.
const STREAM = [
  ': hello\n\nretry: 2500\n\n',
  'id: 1\nevent: state\ndata: {"name":"漢"}\n\n',
  'id: 2\ndata: line one\ndata: line two\n\n',
  'id: 3\nevent: refresh-scoreboard\ndata\n\n',
  ': ping\n\nid: 4\nevent: state\ndata: {}\n\n',
].join('');

let server: Server;
let url: string;
beforeAll(async () => {
  const bytes = Buffer.from(STREAM);
  server = createServer(async (req, res) => {
    res.socket?.setNoDelay(true);
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    const step = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('step'));
    for (let i = 0; i < bytes.length; i += step) {
      res.write(bytes.subarray(i, i + step));
      await new Promise((r) => setTimeout(r, 1));
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('SseClient', () => {
  it.each([1, 2, 7, 1000])(
    'reads every field however the stream is cut (%i bytes at a time)',
    async (step) => {
      const events = await SseClient.open(`${url}?step=${step}`);
      const lean = await SseClient.open(`${url}?step=${step}`, {}, { keep: 'ids' });
      await Promise.all([events.waitForEnd(), lean.waitForEnd()]);
      expect(events.events).toEqual([
        { id: '1', event: 'state', data: '{"name":"漢"}' },
        { id: '2', data: 'line one\nline two' },
        { id: '3', event: 'refresh-scoreboard', data: '' },
        { id: '4', event: 'state', data: '{}' },
      ]);
      for (const c of [events, lean]) {
        expect(c.comments).toBe(2);
        expect(c.retry).toBe(2500);
        expect(c.ids()).toEqual([1, 2, 3, 4]);
        expect(c.ids('state')).toEqual([1, 4]);
      }
      expect(lean.events).toEqual([]);
    },
  );
});
