// A relay (ROLE=relay) beside a publishing primary, on the system Redis under a prefix of its own
// (issue 17): a relay started after games exist shows every read surface as the primary does and
// follows it live with the primary's ids; every write, keeper page and login answers 405 read_only
// and changes nothing; nothing secret reaches Redis; the organiser's switch takes the venue off the
// relays and puts it back.
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../server/relay/start.js';
import { WASH, cleanup, startTestServer, type InProcessServer } from '../kit/server.js';
import { relaySettings } from '../kit/settings.js';
import { tempDir } from '../kit/files.js';
import { SseClient } from '../kit/sse.js';
import { until } from '../kit/until.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const ORGANISER_PIN = '97531';

let primary: InProcessServer;
let relay: RunningRelay;
let prefix: string;
const venue = `it-${randomUUID().slice(0, 8)}`;
const organiser = { Authorization: `Bearer ${ORGANISER_PIN}` };
const clients: SseClient[] = [];
const games: string[] = [];
let removedId = '';
let tournamentId = '';

const relayGet = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(relay.url + path, init);
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : null,
  };
};

beforeAll(async () => {
  prefix = `bagtrax-relay-it:${randomUUID()}:`;
  primary = await startTestServer({
    redisPrefix: prefix,
    redisUrl: REDIS_URL,
    publish: true,
    venue,
    organiserPin: ORGANISER_PIN,
  });
  // Games, a removed one and a started tournament, all before the relay exists.
  for (const [home, away, board] of [
    ['Aces', 'Bags', 1],
    ['Corn', 'Dogs', 2],
    ['Eagles', 'Falcons', null],
  ] as const) {
    const g = await primary.createGame({ home: { name: home }, away: { name: away }, board });
    games.push(g.id);
  }
  await primary.api('POST', `/api/games/${games[0]}/rounds`, {
    home: { hole: 1, board: 1 },
    away: { hole: 0, board: 2 },
  });
  const gone = await primary.createGame({ home: { name: 'Gone' }, away: { name: 'Away' }, board: null });
  removedId = gone.id;
  expect((await primary.api('DELETE', `/api/games/${removedId}`, undefined, organiser)).status).toBe(204);
  const t = await primary.api(
    'POST',
    '/api/tournaments',
    {
      name: 'Relay Cup',
      format: 'single',
      teams: ['Owls', 'Hawks', 'Crows', 'Doves'].map((name) => ({ name })),
      boards: [3, 4],
    },
    organiser,
  );
  expect(t.status, t.text).toBe(201);
  tournamentId = t.json.id;
  expect((await primary.api('POST', `/api/tournaments/${tournamentId}/start`, {}, organiser)).status).toBe(
    200,
  );

  relay = await startRelay(relaySettings({ venue, redisPrefix: prefix, redisUrl: REDIS_URL }));
  await until(
    async () => (await relayGet('/api/games')).json?.length === (await primary.get('/api/games')).json.length,
    'the relay to load the venue',
  );
});

afterAll(async () => {
  clients.forEach((c) => c.close());
  await relay?.stop();
  await primary?.stop();
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length) await redis.del(keys);
  }
  redis.destroy();
  await cleanup();
});

describe('a relay started after games exist', () => {
  it('answers the JSON reads as the primary does', async () => {
    expect((await relayGet('/api/games')).json).toEqual((await primary.get('/api/games')).json);
    for (const id of games) {
      expect((await relayGet(`/api/games/${id}/state`)).json).toEqual(
        (await primary.get(`/api/games/${id}/state`)).json,
      );
    }
    expect((await relayGet('/api/tournaments')).json).toEqual((await primary.get('/api/tournaments')).json);
    expect((await relayGet(`/api/tournaments/${tournamentId}`)).json).toEqual(
      (await primary.get(`/api/tournaments/${tournamentId}`)).json,
    );
    const health = (await relayGet('/api/health')).json;
    expect(health.relay).toMatchObject({ state: 'following', venue });
  });

  it('renders the pages and fragments from its read model', async () => {
    for (const path of [
      '/',
      '/tv',
      `/games/${games[0]}`,
      `/games/${games[0]}/scoreboard`,
      '/boards',
      '/friendlies',
      '/tournaments',
      `/tournaments/${tournamentId}`,
      `/tournaments/${tournamentId}/tv`,
      `/tournaments/${tournamentId}/bracket`,
    ]) {
      const page = await relayGet(path);
      expect(page.status, path).toBe(200);
    }
    const overview = await relayGet('/');
    expect(overview.text).toContain('Aces');
    expect(overview.text).toContain('Relay Cup');
    // Nobody keeps score on a relay: no keeper link.
    expect(overview.text).not.toContain('/keeper/login');
    const removed = await relayGet(`/games/${removedId}`);
    expect(removed.status).toBe(404);
    expect(removed.text).toContain('removed by the organiser');
    expect((await relayGet('/games/nosuchgm')).status).toBe(404);
  });

  it('follows the primary live, with its ids, and a phone resumes on the relay with its Last-Event-ID', async () => {
    const id = games[1]!;
    const before = (await primary.get(`/api/games/${id}/state`)).json.version as number;
    const phone = await SseClient.open(`${relay.url}/games/${id}/events`, {
      'Last-Event-ID': String(before),
    });
    const venueStream = await SseClient.open(`${relay.url}/events?since=0`);
    clients.push(phone, venueStream);
    for (let i = 0; i < 3; i++) await primary.api('POST', `/api/games/${id}/rounds`, WASH);
    await primary.api('POST', `/api/games/${id}/throws`, { side: 'home', result: 'hole' });
    const now = (await primary.get(`/api/games/${id}/state`)).json;
    await until(
      () => phone.ids('state').at(-1) === now.version,
      'the relay phone to reach the primary version',
    );
    expect(phone.ids('state')).toEqual([before + 1, before + 2, before + 3, before + 4]);
    const { rounds: _rounds, ...live } = now;
    expect(JSON.parse(phone.events.at(-1)!.data)).toEqual(live);
    await until(
      () => venueStream.events.some((e) => e.event === 'refresh-board-2'),
      'the board refresh on the venue stream',
    );
    expect((await relayGet(`/games/${id}/scoreboard`)).text).toContain(String(now.home.score));
    // A phone that comes back on the relay with the id it last saw gets nothing twice.
    const again = await SseClient.open(`${relay.url}/games/${id}/events`, {
      'Last-Event-ID': String(now.version),
    });
    clients.push(again);
    await primary.api('POST', `/api/games/${id}/throws`, { side: 'away', result: 'board' });
    await until(() => again.ids('state').length === 1, 'the next version on the resumed stream');
    expect(again.ids('state')).toEqual([now.version + 1]);
  });

  it('keeps the tournament list as current as the primary while a tournament is played', async () => {
    const t = (await primary.get(`/api/tournaments/${tournamentId}`)).json;
    const match = t.matches.find((m: { gameId: string | null }) => m.gameId);
    await primary.api('POST', `/api/games/${match.gameId}/throws`, { side: 'home', result: 'hole' });
    await until(
      async () =>
        JSON.stringify((await relayGet('/api/tournaments')).json) ===
        JSON.stringify((await primary.get('/api/tournaments')).json),
      'the same tournament list on the relay',
    );
    expect((await relayGet(`/api/tournaments/${tournamentId}`)).json).toEqual(
      (await primary.get(`/api/tournaments/${tournamentId}`)).json,
    );
  });

  it('keeps a phone that comes ahead of the relay waiting for what follows, never sending it back', async () => {
    const id = games[2]!;
    const now = (await primary.get(`/api/games/${id}/state`)).json.version as number;
    // As if it came from a relay a moment further on: it already has the next version.
    const ahead = await SseClient.open(`${relay.url}/games/${id}/events`, {
      'Last-Event-ID': String(now + 1),
    });
    clients.push(ahead);
    await primary.api('POST', `/api/games/${id}/throws`, { side: 'home', result: 'board' });
    await primary.api('POST', `/api/games/${id}/throws`, { side: 'away', result: 'hole' });
    await until(() => ahead.ids('state').length > 0, 'the version after the one the phone has');
    expect(ahead.ids('state')).toEqual([now + 2]);
  });

  it('ends a removed game on the relay too', async () => {
    const g = await primary.createGame({ home: { name: 'Short' }, away: { name: 'Lived' }, board: null });
    await until(
      async () => (await relayGet(`/api/games/${g.id}/state`)).status === 200,
      'the new game on the relay',
    );
    const phone = await SseClient.open(`${relay.url}/games/${g.id}/events`);
    clients.push(phone);
    expect((await primary.api('DELETE', `/api/games/${g.id}`, undefined, organiser)).status).toBe(204);
    await until(() => phone.ended, 'the relay to end the removed game stream');
    expect((await relayGet(`/games/${g.id}`)).status).toBe(404);
  });
});

describe('a relay cannot change a thing', () => {
  const writes = (id: string, t: string): Array<[string, string, unknown?]> => [
    ['POST', '/api/games', { home: { name: 'X' }, away: { name: 'Y' } }],
    ['POST', `/api/games/${id}/throws`, { side: 'home', result: 'hole' }],
    ['POST', `/api/games/${id}/rounds`, WASH],
    ['POST', `/api/games/${id}/undo`, {}],
    ['PATCH', `/api/games/${id}`, { home: { name: 'Z' } }],
    ['DELETE', `/api/games/${id}`],
    ['POST', `/api/games/${id}/restore`, {}],
    ['POST', `/api/games/${id}/queue`, { position: 1 }],
    [
      'POST',
      '/api/tournaments',
      { name: 'N', format: 'single', teams: [{ name: 'a' }, { name: 'b' }], boards: [1] },
    ],
    ['POST', `/api/tournaments/${t}/start`, {}],
    ['POST', `/api/tournaments/${t}/call`, {}],
    ['POST', '/keeper/login', 'pin=2468'],
    ['POST', '/keeper/logout'],
    ['POST', '/host/games', 'home=a&away=b'],
    ['POST', '/host/boards', 'count=9'],
    ['POST', '/host/pin', 'pin=1111'],
    ['POST', '/host/publish', 'publish=off'],
    ['POST', `/host/tournaments/${t}/call`, ''],
    ['PUT', `/api/games/${id}`, {}],
    ['GET', '/keeper/login'],
    ['GET', '/host'],
    ['GET', '/keep/new'],
    ['GET', `/keep/${id}`],
    ['GET', '/host/tournaments/new'],
    ['GET', `/host/tournaments/${t}`],
  ];

  it('answers every write, keeper page and login with 405 read_only, PIN or not, and nothing changes', async () => {
    const seq = (await primary.get('/api/health')).json;
    const listBefore = (await primary.get('/api/games')).json;
    for (const [method, path, body] of writes(games[0]!, tournamentId)) {
      for (const auth of [{}, { Authorization: 'Bearer 2468' }, organiser]) {
        const form = typeof body === 'string';
        const res = await relayGet(path, {
          method,
          headers: {
            ...auth,
            Origin: relay.url,
            ...(body === undefined
              ? {}
              : { 'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json' }),
          },
          ...(body === undefined ? {} : { body: form ? body : JSON.stringify(body) }),
        });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.json, `${method} ${path}`).toMatchObject({ code: 'read_only' });
      }
    }
    expect((await primary.get('/api/games')).json).toEqual(listBefore);
    expect((await relayGet('/api/games')).json).toEqual(listBefore);
    expect((await primary.get('/api/health')).json.streams).toBe(seq.streams);
  });

  it('writes nothing secret to Redis', async () => {
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    const secrets = [primary.keeperPin(), primary.organiserPin(), primary.hostCookie.value];
    let keys = 0;
    try {
      for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        for (const key of batch) {
          keys++;
          const type = await redis.type(key);
          const text =
            type === 'string'
              ? String(await redis.get(key))
              : type === 'hash'
                ? JSON.stringify(await redis.hGetAll(key))
                : type === 'stream'
                  ? JSON.stringify(await redis.sendCommand(['XRANGE', key, '-', '+']))
                  : JSON.stringify(await redis.sendCommand(['DUMP', key]));
          for (const secret of secrets) expect(text.includes(secret), `${key} holds a secret`).toBe(false);
        }
      }
    } finally {
      redis.destroy();
    }
    expect(keys).toBeGreaterThan(3);
  });
});

describe("the organiser's switch", () => {
  it('a relay waits for a venue not yet published; the switch puts it on the relays and takes it off', async () => {
    const quietVenue = `${venue}-q`;
    const host = await startTestServer({ redisPrefix: prefix, redisUrl: REDIS_URL, venue: quietVenue });
    const follower = await startRelay(
      relaySettings({ venue: quietVenue, redisPrefix: prefix, redisUrl: REDIS_URL }),
    );
    try {
      const read = async (path: string) => {
        const res = await fetch(follower.url + path);
        return res.status === 200 ? res.json() : null;
      };
      const g = await host.createGame({ home: { name: 'Quiet' }, away: { name: 'Night' }, board: 1 });
      expect(follower.status().state).toBe('waiting');
      expect(await read('/api/games')).toEqual([]);
      const page = async () => (await fetch(follower.url + '/')).text();
      expect(await page()).toContain('Waiting for the venue to share its boards');
      const cookie = { Cookie: `${host.hostCookie.name}=${host.hostCookie.value}`, Origin: host.url };
      const post = (publish: string) =>
        fetch(`${host.url}/host/publish`, {
          method: 'POST',
          redirect: 'manual',
          headers: { ...cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: `publish=${publish}`,
        });
      expect((await post('on')).status).toBe(303);
      await until(
        async () => (await read(`/api/games/${g.id}/state`))?.version === g.version,
        'the venue on the relay',
      );
      expect(follower.status().state).toBe('following');
      expect(await page()).not.toContain('site-notice');
      const hostText = await (await fetch(`${host.url}/host`, { headers: cookie })).text();
      expect(hostText).toContain(`VENUE=${quietVenue}`);
      expect(hostText).toContain('Stop publishing');

      const venueStream = await SseClient.open(`${follower.url}/events`);
      const phone = await SseClient.open(`${follower.url}/games/${g.id}/events`);
      clients.push(venueStream, phone);
      expect((await post('off')).status).toBe(303);
      await until(() => follower.status().state === 'closed', 'the relay to see the venue withdrawn');
      expect(await read('/api/games')).toEqual([]);
      expect(await read(`/api/games/${g.id}/state`)).toBe(null);
      await until(() => phone.ended, 'the game stream to end on the relay');
      expect(await page()).toContain('stopped sharing its boards');
      await until(() => venueStream.events.some((e) => e.event === 'refresh-games'), 'the venue pages told');

      expect((await post('on')).status).toBe(303);
      await until(
        async () => (await read(`/api/games/${g.id}/state`))?.version === g.version,
        'the venue back',
      );
      // Anything but on or off is refused, and changes nothing.
      expect((await post('maybe')).status).toBe(400);
      expect(follower.status().state).toBe('following');
    } finally {
      await follower.stop();
      await host.stop();
    }
  });

  it('a venue left publishing still opens when its Redis is out of reach, and the console says why', async () => {
    const dataDir = tempDir();
    const first = await startTestServer({
      dataDir,
      redisPrefix: prefix,
      redisUrl: REDIS_URL,
      venue: `${venue}-x`,
    });
    const cookieOf = (s: InProcessServer) => ({
      Cookie: `${s.hostCookie.name}=${s.hostCookie.value}`,
      Origin: s.url,
    });
    const on = await fetch(`${first.url}/host/publish`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...cookieOf(first), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'publish=on',
    });
    expect(on.status).toBe(303);
    await first.stop();
    // Tonight the venue has no way to its Redis: BagTrax opens all the same.
    const again = await startTestServer({
      dataDir,
      redisPrefix: prefix,
      redisUrl: 'redis://127.0.0.1:1',
      venue: `${venue}-x`,
    });
    try {
      expect((await again.get('/api/health')).json.publishing).toMatchObject({ state: 'off' });
      const page = await (await fetch(`${again.url}/host`, { headers: cookieOf(again) })).text();
      expect(page).toContain('Publishing did not start');
      expect(page).toContain('Publish for relays');
    } finally {
      await again.stop();
    }
  });

  it('PUBLISH=1 cannot be switched off from the console', async () => {
    const cookie = { Cookie: `${primary.hostCookie.name}=${primary.hostCookie.value}`, Origin: primary.url };
    const res = await fetch(`${primary.url}/host/publish`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'publish=off',
    });
    expect(res.status).toBe(303);
    expect((await relayGet('/api/health')).json.relay.state).toBe('following');
    const page = await (await fetch(`${primary.url}/host`, { headers: cookie })).text();
    expect(page).toContain('Switched on by PUBLISH=1');
  });
});
