// A relay on the internet (issue 17, "On the internet"): a game shows on it from its creation; its TV wall and a tournament's TV show the
// relay's own join address (PUBLIC_URL) and its QR code, never the venue's LAN address; it answers to
// its public names (PUBLIC_URL's host and BAGTRAX_HOSTNAMES) and to no other; it serves the overlays
// and the CORS reads as the primary does, live; and behind its proxy (TRUST_PROXY) the stream cap
// counts the forwarded client.
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../server/relay/start.js';
import { removeTempDirs } from '../kit/files.js';
import { fromAddress } from '../kit/from-address.js';
import { raw } from '../kit/raw.js';
import { startTestServer, type InProcessServer } from '../kit/server.js';
import { relaySettings } from '../kit/settings.js';
import { until } from '../kit/until.js';

const PUBLIC_URL = 'https://live.example.org/';
const prefix = `bagtrax-test:${randomBytes(6).toString('hex')}:`;
const venue = `club-${randomBytes(4).toString('hex')}`;

let primary: InProcessServer;
let relay: RunningRelay;
let gameId: string;
let tournamentId: string;

beforeAll(async () => {
  primary = await startTestServer({ publish: true, venue, redisPrefix: prefix });
  gameId = (
    await primary.createGame({ board: 1, home: { name: 'Bag Daddies' }, away: { name: 'Hole Patrol' } })
  ).id;
  const t = await primary.api(
    'POST',
    '/api/tournaments',
    { name: 'Friday Cup', format: 'single', teams: [{ name: 'A' }, { name: 'B' }], boards: [2] },
    { Authorization: `Bearer ${primary.organiserPin()}` },
  );
  expect(t.status).toBe(201);
  tournamentId = t.json.id;
  relay = await startRelay(
    relaySettings({
      venue,
      redisPrefix: prefix,
      publicUrl: PUBLIC_URL,
      hostnames: ['scores.example.net'],
      trustProxy: ['loopback'],
      maxStreamsPerAddress: 1,
    }),
  );
  await until(
    async () => (await raw(relay.url, `/api/tournaments/${tournamentId}`)).status === 200,
    'the relay to have the venue',
  );
});
afterAll(async () => {
  await relay?.stop();
  await primary?.stop();
  removeTempDirs();
});

const publicHost = { Host: 'live.example.org' };

describe('a game before its first bag', () => {
  it('is on the relay, whether it existed when the relay started or came after', async () => {
    const before = await raw(relay.url, `/api/games/${gameId}/state`);
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ version: 0, home: { name: 'Bag Daddies' } });
    const later = await primary.createGame({ board: 3, home: { name: 'Late' }, away: { name: 'Comers' } });
    await until(
      async () => (await raw(relay.url, `/api/games/${later.id}/state`)).status === 200,
      'the new game on the relay',
    );
    const card = await raw(relay.url, '/boards/3/overlay/score');
    expect(card.text).toContain('Late');
  });
});

describe("a relay's own join address", () => {
  it('is on its TV wall and its tournament TV, with the QR code of that address', async () => {
    const qr = await QRCode.toString(PUBLIC_URL, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    for (const path of ['/tv', `/tournaments/${tournamentId}/tv`]) {
      const a = await raw(relay.url, path, { headers: publicHost });
      expect(a.status, path).toBe(200);
      const join = /<div class="tv-join">([\s\S]*?)<\/div>\s*<\/div>/.exec(a.text)?.[1] ?? '';
      expect(join, path).toContain(`<strong>${PUBLIC_URL}</strong>`);
      expect(a.text, path).toContain(`aria-label="QR code for ${PUBLIC_URL}"`);
      expect(a.text, path).toContain(qr);
      // Not the venue's address, nor the relay's own port on this machine.
      expect(a.text, path).not.toContain(primary.url);
      expect(a.text, path).not.toContain(relay.url);
    }
  });

  it('answers to PUBLIC_URL’s host and BAGTRAX_HOSTNAMES, and to no other name', async () => {
    for (const host of ['live.example.org', 'LIVE.example.org:443', 'scores.example.net', '127.0.0.1']) {
      expect((await raw(relay.url, '/tv', { headers: { Host: host } })).status, host).toBe(200);
    }
    for (const host of ['evil.example', 'live.example.org.evil.example', 'example.org']) {
      const a = await raw(relay.url, '/api/games', { headers: { Host: host } });
      expect(a.status, host).toBe(403);
      expect(a.json.code, host).toBe('foreign_host');
    }
  });
});

describe('a relay serving other sites', () => {
  it('serves the board overlay, framable and live, and the CORS reads', async () => {
    const overlay = await raw(relay.url, '/boards/1/overlay', { headers: publicHost });
    expect(overlay.status).toBe(200);
    expect(String(overlay.headers['content-security-policy'])).toContain('frame-ancestors *');
    expect(overlay.text).toContain('Bag Daddies');
    const state = await raw(relay.url, `/api/games/${gameId}/state`, {
      headers: { ...publicHost, Origin: 'https://league.example.org' },
    });
    expect(state.headers['access-control-allow-origin']).toBe('*');
    const round = { home: { hole: 1, board: 0 }, away: { hole: 0, board: 0 } };
    expect((await primary.api('POST', `/api/games/${gameId}/rounds`, round)).status).toBe(200);
    await until(async () => {
      const bug = await raw(relay.url, '/boards/1/overlay/score', { headers: publicHost });
      return /<span class="bug-score">3<\/span>/.test(bug.text);
    }, 'the relay’s overlay to show the round');
    // A write through the relay is still refused, CORS or not.
    const write = await raw(relay.url, `/api/games/${gameId}/rounds`, {
      method: 'POST',
      headers: { ...publicHost, Origin: 'https://league.example.org', 'Content-Type': 'application/json' },
      body: JSON.stringify(round),
    });
    expect(write.status).toBe(405);
    expect(write.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('counts streams per forwarded client behind its proxy (TRUST_PROXY)', async () => {
    const stream = (client: string) =>
      fromAddress('127.0.0.1', relay.url, '/events', {
        method: 'HEAD',
        headers: { ...publicHost, 'X-Forwarded-For': client },
      });
    // HEAD holds no stream: the cap (1) is not reached by asking.
    expect((await stream('203.0.113.5')).status).toBe(200);
    const held = await new Promise<() => void>((resolve, reject) => {
      void import('node:http').then(({ request }) => {
        const req = request(new URL('/events', relay.url), {
          headers: { ...publicHost, Accept: 'text/event-stream', 'X-Forwarded-For': '203.0.113.5' },
          localAddress: '127.0.0.1',
          agent: false,
        });
        req.on('response', (res) => {
          res.resume();
          expect(res.statusCode).toBe(200);
          resolve(() => req.destroy());
        });
        req.on('error', reject);
        req.end();
      });
    });
    try {
      const second = await fromAddress('127.0.0.1', relay.url, '/events', {
        headers: { ...publicHost, 'X-Forwarded-For': '203.0.113.5' },
      });
      expect(second.status).toBe(503);
      expect((await stream('203.0.113.6')).status).toBe(200);
    } finally {
      held();
    }
  });
});
