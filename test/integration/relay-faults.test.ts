// Relays through faults (issue 17): a primary publishing its venue, two relays following it through a
// private redis-server, keepers scoring on the primary and phones on the relays, while Redis is
// killed (with and without persistence, restored from an older copy), flushed, its connections
// killed, the primary or a relay killed, and the venue's link cut through a pausable proxy for
// RELAY_FAULT_CUT_MS (short under `npm test`, a minute under `npm run test:faults`). After each fault:
// how long until every relay and every phone holds the primary's current versions, and no version
// gone backwards, no event twice, no phone left behind. A relay refuses every write, keeper page and
// login; nothing secret reaches Redis. Each case prints a line; the table is printed at the end and
// written to RELAY_FAULTS_REPORT when that is set.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { testDeps } from '../kit/app.js';
import { Phone, streamFaults } from '../kit/phones.js';
import {
  Keepers,
  KEEPER_PIN,
  ORGANISER_PIN,
  Pollers,
  RelayVenue,
  catchUp,
  converge,
  followStatus,
  type VenueSetup,
  type Watched,
} from '../kit/relay-venue.js';
import {
  clientsNamed,
  dumpKeys,
  hasRedisServer,
  killClients,
  startRedisServer,
  type RedisServer,
} from '../kit/redis-server.js';
import { cleanup, type ChildServer } from '../kit/server.js';
import { PausableProxy, type CutMode } from '../kit/tcp-proxy.js';
import { until } from '../kit/until.js';

/** How long the venue's link stays cut (ms): a few seconds in `npm test`, a minute in test:faults. */
const CUT_MS = Number(process.env.RELAY_FAULT_CUT_MS ?? 3000);
/** Keepers pace themselves: a minute's cut at full speed would fill Redis with whole-game docs. */
const PACE_MS = CUT_MS > 10_000 ? 150 : 40;
const REPORT = process.env.RELAY_FAULTS_REPORT;
/** A case's own cap: setting up, the fault, and a convergence wait that gives up after 30 s. */
const CASE_MS = 90_000;

interface Row {
  fault: string;
  /** How long the fault lasted (ms). */
  faultMs: number;
  /** Writes acknowledged from the fault to the end of the case; writes the primary could not answer. */
  writes: number;
  unanswered: number;
  /** From the last write to every relay and phone holding the primary's versions (ms). */
  convergeMs: number;
  /**
   * From the fault's end (Redis back, link back, process restarted) until every relay and phone
   * held at least the versions the primary had then, keepers still writing (ms).
   */
  caughtUpMs: number;
  phones: number;
  moved: number;
  backwards: number;
  duplicates: number;
  mismatched: number;
  behind: number;
  /** A relay's state JSON answering a lower version than it had answered before. */
  jsonBackwards: number;
  /** Snapshots each live relay loaded during the case (0: it resumed from its cursor). */
  reloads: string;
}

const rows: Row[] = [];

/** One venue with phones on its relays, keepers scoring and scripts polling. */
interface Night {
  venue: RelayVenue;
  keepers: Keepers;
  pollers: Pollers;
  watched: Watched[];
  reloadsBefore: Map<number, number>;
}

const phones: Phone[] = [];

/** Every relay of the venue has every game and the tournament. */
async function relayHasVenue(venue: RelayVenue, relay: ChildServer): Promise<void> {
  await until(async () => {
    for (const id of venue.games)
      if ((await relay.get(`/api/games/${id}/state`)).status !== 200) return false;
    return (await relay.get(`/api/tournaments/${venue.tournament}`)).status === 200;
  }, `relay ${relay.url} to show the venue`);
}

/**
 * On `relay`: two phones per game opened from the version the page rendered, one on the venue's
 * stream and one on the tournament's; each moves to the next live relay when its stream ends.
 */
async function phonesOn(venue: RelayVenue, relay: ChildServer): Promise<Watched[]> {
  const opts = { relays: () => venue.relayUrls() };
  const out: Watched[] = [];
  for (const [i, id] of venue.games.entries()) {
    const path = `/games/${id}/events`;
    for (let k = 0; k < 2; k++) {
      const since = ((await relay.get(`/api/games/${id}/state`)).json as { version: number }).version;
      out.push({ phone: await Phone.open(relay.url, path, opts, since), of: i });
    }
  }
  out.push({ phone: await Phone.open(relay.url, '/events', opts), of: 'venue' });
  out.push({
    phone: await Phone.open(relay.url, `/tournaments/${venue.tournament}/events`, opts),
    of: 'tournament',
  });
  phones.push(...out.map((w) => w.phone));
  return out;
}

async function reloadsOf(venue: RelayVenue): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const r of venue.liveRelays()) out.set(r.pid, (await followStatus(r)).reloads);
  return out;
}

/** A venue with games, two relays with phones, keepers scoring: the state before a fault. */
async function openNight(setup: VenueSetup): Promise<Night> {
  const venue = new RelayVenue(setup);
  // The relays start with the primary: they wait for the venue to publish, then follow it.
  const [, ...relays] = await Promise.all([venue.startPrimary(), venue.startRelay(), venue.startRelay()]);
  await venue.createGames();
  for (const r of relays) await relayHasVenue(venue, r);
  const watched = (await Promise.all(relays.map((r) => phonesOn(venue, r)))).flat();
  const keepers = new Keepers(venue, PACE_MS);
  keepers.start();
  await keepers.more(10, 'the first writes');
  return { venue, keepers, pollers: new Pollers(venue), watched, reloadsBefore: await reloadsOf(venue) };
}

/**
 * After the fault (`healedAt`: when it ended): more writes, then the keepers stop and the wait for
 * every relay and phone to hold the primary's versions. Reports the case and checks it.
 */
async function settle(night: Night, fault: string, startedAt: number, healedAt: number, ackedAt: number) {
  const { venue, keepers, pollers, watched } = night;
  const caughtUp = catchUp(venue, watched, healedAt);
  await keepers.more(15, 'writes after the fault');
  const caughtUpMs = await caughtUp;
  await keepers.stop();
  const result = await converge(venue, watched);
  await pollers.stop();
  const faults = watched.map((w) => streamFaults(w.phone.heard()));
  const sum = (k: keyof (typeof faults)[number]) => faults.reduce((n, f) => n + f[k], 0);
  const reloads = await reloadsOf(venue);
  const row: Row = {
    fault,
    faultMs: healedAt - startedAt,
    writes: keepers.acked - ackedAt,
    unanswered: keepers.unanswered,
    convergeMs: result.converged ? result.ms : NaN,
    caughtUpMs,
    phones: watched.length,
    moved: watched.filter((w) => w.phone.reconnects > 0).length,
    backwards: sum('backwards'),
    duplicates: sum('duplicates'),
    mismatched: sum('mismatched'),
    behind: result.left,
    jsonBackwards: pollers.backwards,
    reloads: [...reloads].map(([pid, n]) => n - (night.reloadsBefore.get(pid) ?? 0)).join('/'),
  };
  rows.push(row);
  console.log(
    `relay fault: ${fault}: caught up ${row.caughtUpMs} ms after the fault ended, converged ${row.convergeMs} ms after the last write, ` +
      `${row.writes} writes, ${row.phones} phones (${row.moved} moved), backwards ${row.backwards}, duplicates ${row.duplicates}, ` +
      `behind ${row.behind}, JSON backwards ${row.jsonBackwards}, reloads ${row.reloads}`,
  );
  expect(keepers.problems).toEqual([]);
  expect(result.converged, result.detail).toBe(true);
  expect({ backwards: row.backwards, duplicates: row.duplicates, mismatched: row.mismatched }).toEqual({
    backwards: 0,
    duplicates: 0,
    mismatched: 0,
  });
  expect(row.jsonBackwards).toBe(0);
  // A positive control: the phones did follow the night (every game phone saw new versions).
  for (const w of watched)
    if (w.of !== 'venue' && w.of !== 'tournament') expect(w.phone.heard().length).toBeGreaterThan(0);
  return row;
}

function table(list: readonly Row[]): string {
  const head =
    '| fault | fault lasted | writes | caught up after the fault ended | converged after the last write | phones (moved) | backwards | duplicates | behind | state JSON backwards | snapshot reloads per relay |';
  const line = '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|';
  const ms = (n: number) => (Number.isNaN(n) ? 'did not' : `${n} ms`);
  const body = list.map(
    (r) =>
      `| ${r.fault} | ${r.faultMs} ms | ${r.writes}${r.unanswered ? ` (+${r.unanswered} refused while down)` : ''} | ${ms(r.caughtUpMs)} | ${ms(r.convergeMs)} | ${r.phones} (${r.moved}) | ${r.backwards} | ${r.duplicates} | ${r.behind} | ${r.jsonBackwards} | ${r.reloads} |`,
  );
  return [head, line, ...body].join('\n');
}

afterEach(async () => {
  for (const p of phones.splice(0)) p.close();
  await cleanup();
});

afterAll(() => {
  if (rows.length === 0) return;
  const text = table(rows);
  console.log(`Relays through faults (cut ${CUT_MS} ms):\n${text}`);
  if (REPORT) {
    writeFileSync(
      REPORT,
      `# Relays through faults\n\nWritten by \`npm run test:faults\` (test/integration/relay-faults.test.ts) on ${new Date().toISOString().slice(0, 10)}, ` +
        `${availableParallelism()} cores; the venue's link cut for ${CUT_MS / 1000} s; keepers writing a wash round every ${PACE_MS} ms on each of 3 games throughout.\n` +
        `Caught up: from the fault's end until every relay and phone held at least the versions the primary had at that moment, keepers still writing. ` +
        `Converged: from the last write until every live relay's state JSON, game list, tournament and venue sequence equal the primary's and every phone's last version is the primary's. ` +
        `Backwards, duplicates, behind: summed over the 16 phones (two per game, one on the venue's stream and one on the tournament's, on each relay), across every reconnection.\n\n${text}\n`,
    );
  }
});

describe.skipIf(!hasRedisServer())('relays on a private Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer('none');
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it(
    'bootstraps a relay started after games exist from the snapshot, then follows',
    async () => {
      const venue = new RelayVenue({ redisUrl: redis.url });
      // One relay is there before the venue publishes anything: it waits, then follows.
      const early = await venue.startRelay();
      await venue.startPrimary();
      await venue.createGames();
      await relayHasVenue(venue, early);
      const watched = await phonesOn(venue, early);
      const keepers = new Keepers(venue, PACE_MS);
      keepers.start();
      await keepers.more(30, 'writes before the late relay');
      const night: Night = {
        venue,
        keepers,
        pollers: new Pollers(venue),
        watched,
        reloadsBefore: await reloadsOf(venue),
      };
      const startedAt = Date.now();
      const ackedAt = keepers.acked;
      // The late relay starts while keepers score: its snapshot is mid-game.
      const late = await venue.startRelay();
      await relayHasVenue(venue, late);
      const healedAt = Date.now();
      watched.push(...(await phonesOn(venue, late)));
      night.reloadsBefore.set(late.pid, 0);
      await settle(night, 'a relay started after games exist', startedAt, healedAt, ackedAt);
      expect((await followStatus(late)).state).toBe('following');
    },
    CASE_MS,
  );

  it(
    'catches up after Redis is SIGKILLed and restarted empty (no persistence)',
    async () => {
      const night = await openNight({ redisUrl: redis.url });
      const startedAt = Date.now();
      const ackedAt = night.keepers.acked;
      await redis.kill();
      // The primary keeps taking writes; the relays keep the last scores.
      await night.keepers.more(10, 'writes while Redis is down');
      await redis.restart();
      await settle(night, 'Redis SIGKILLed, restarted empty', startedAt, Date.now(), ackedAt);
    },
    CASE_MS,
  );

  it(
    'catches up after FLUSHALL',
    async () => {
      const night = await openNight({ redisUrl: redis.url });
      const ackedAt = night.keepers.acked;
      const admin = await redis.admin();
      const at = Date.now();
      await admin.flushAll();
      await admin.close();
      await settle(night, 'FLUSHALL', at, at, ackedAt);
    },
    CASE_MS,
  );

  it(
    "catches up after CLIENT KILL of the primary's and the relays' connections",
    async () => {
      const night = await openNight({ redisUrl: redis.url });
      const ackedAt = night.keepers.acked;
      const admin = await redis.admin();
      const names = ['bagtrax-publisher', 'bagtrax-relay', 'bagtrax-relay-follow'];
      const killed = await clientsNamed(admin, names);
      expect(killed.map((c) => c.name).sort()).toEqual([
        'bagtrax-publisher',
        'bagtrax-relay',
        'bagtrax-relay',
        'bagtrax-relay-follow',
        'bagtrax-relay-follow',
      ]);
      const at = Date.now();
      await killClients(admin, killed);
      const gone = new Set(killed.map((c) => c.id));
      await until(
        async () =>
          (await clientsNamed(admin, names)).filter((c) => !gone.has(c.id)).length === killed.length,
        'every connection back',
      );
      const healedAt = Date.now();
      await admin.close();
      await settle(night, 'CLIENT KILL (publisher and both relays)', at, healedAt, ackedAt);
    },
    CASE_MS,
  );

  it(
    'catches up after the primary is SIGKILLed and restarted on its DATA_DIR',
    async () => {
      const night = await openNight({ redisUrl: redis.url });
      const ackedAt = night.keepers.acked;
      const startedAt = Date.now();
      await night.venue.primary.stop('SIGKILL');
      const refused = night.keepers.unanswered;
      await until(() => night.keepers.unanswered >= refused + 3, 'keepers finding the primary gone');
      await night.venue.startPrimary();
      await settle(night, 'primary SIGKILLed and restarted', startedAt, Date.now(), ackedAt);
    },
    CASE_MS,
  );

  it(
    'moves the phones of a SIGKILLed relay to the other relay with their Last-Event-ID',
    async () => {
      const night = await openNight({ redisUrl: redis.url });
      const ackedAt = night.keepers.acked;
      const [doomed, other] = night.venue.relays as [ChildServer, ChildServer];
      const onDoomed = night.watched.filter((w) => w.phone.base === doomed.url);
      const startedAt = Date.now();
      await doomed.stop('SIGKILL');
      await until(
        () => onDoomed.every((w) => w.phone.live() && w.phone.base === other.url),
        'the phones to move',
      );
      const healedAt = Date.now();
      const row = await settle(night, 'a relay SIGKILLed, its phones moved', startedAt, healedAt, ackedAt);
      expect(row.moved).toBe(onDoomed.length);
    },
    CASE_MS,
  );

  for (const mode of ['hold', 'drop'] as CutMode[]) {
    it(
      `catches up after the venue's link to Redis is cut (${mode}) for RELAY_FAULT_CUT_MS while keepers score`,
      async () => {
        const proxy = await PausableProxy.start(redis.port);
        try {
          const night = await openNight({ redisUrl: redis.url, primaryRedisUrl: proxy.url });
          const ackedAt = night.keepers.acked;
          const startedAt = Date.now();
          proxy.pause(mode);
          await new Promise((resolve) => setTimeout(resolve, CUT_MS));
          proxy.resume();
          const healedAt = Date.now();
          const label = mode === 'hold' ? 'silent: held, nothing forwarded' : 'reset: connections dropped';
          await settle(night, `venue link cut ${CUT_MS / 1000} s (${label})`, startedAt, healedAt, ackedAt);
        } finally {
          await proxy.close();
        }
      },
      CUT_MS + CASE_MS,
    );
  }

  it(
    'answers every write, keeper page and login on a relay 405 read_only, changing nothing; nothing secret in Redis',
    async () => {
      const venue = new RelayVenue({ redisUrl: redis.url });
      await venue.startPrimary();
      await venue.createGames();
      const relay = await venue.startRelay();
      await relayHasVenue(venue, relay);
      // A keeper's session exists: its token must not reach Redis either.
      const login = await fetch(`${venue.primary.url}/keeper/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: venue.primary.url },
        body: `pin=${KEEPER_PIN}`,
        redirect: 'manual',
      });
      const cookie = login.headers.get('set-cookie') ?? '';
      const token = /=([^;]+)/.exec(cookie)?.[1] ?? '';
      expect(token.length).toBeGreaterThan(16);
      await venue.primary.api('POST', `/api/games/${venue.games[0]}/rounds`, {
        home: { hole: 1, board: 1 },
        away: { hole: 0, board: 2 },
      });
      await until(
        async () => (await relay.get(`/api/games/${venue.games[0]}/state`)).json.version === 1,
        'the write on the relay',
      );

      const routes = await primaryOnlyRoutes();
      const refused = routes.filter(
        ([method, path]) => method !== 'GET' || /^\/(keep|host|keeper)(\/|$)/.test(path),
      );
      // A read the primary has and a relay does not: the venue's whole export stays with the venue.
      expect(routes.filter((r) => !refused.includes(r)).map((r) => r.join(' '))).toEqual([
        'GET /api/export.json',
      ]);
      expect(refused.length).toBeGreaterThan(50);

      const admin = await redis.admin();
      const entries = async () =>
        Number(await admin.sendCommand(['XLEN', `${venue.prefix}{${venue.venue}}:stream`]));
      const before = {
        primary: await venue.truth(),
        relay: await venue.truth(relay),
        entries: await entries(),
      };
      const answers: string[] = [];
      for (const [method, path] of refused) {
        const url = relay.url + fill(path, venue);
        for (const pin of [KEEPER_PIN, ORGANISER_PIN]) {
          const res = await fetch(url, {
            method,
            headers: {
              Authorization: `Bearer ${pin}`,
              Accept: 'application/json',
              ...(method === 'GET' ? {} : { 'Content-Type': 'application/json' }),
            },
            body:
              method === 'GET'
                ? undefined
                : JSON.stringify({ home: { name: 'Hacked' }, pin: '1111', count: 9 }),
            redirect: 'manual',
          });
          const body = (await res.json().catch(() => null)) as { code?: string } | null;
          if (res.status !== 405 || body?.code !== 'read_only')
            answers.push(`${method} ${path}: ${res.status} ${body?.code}`);
        }
      }
      expect(answers).toEqual([]);
      // A browser's login form and keeper page hear it too, as a page.
      for (const [method, path] of [
        ['POST', '/keeper/login'],
        ['GET', '/host'],
        ['GET', `/keep/${venue.games[0]}`],
      ]) {
        const res = await fetch(relay.url + path, {
          method,
          headers: {
            Accept: 'text/html',
            ...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
          },
          body: method === 'POST' ? `pin=${KEEPER_PIN}` : undefined,
          redirect: 'manual',
        });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('set-cookie')).toBeNull();
      }
      // Reads still answer (a positive control for the refusals above).
      expect((await relay.get('/api/games')).status).toBe(200);
      expect((await relay.get(`/games/${venue.games[0]}`)).status).toBe(200);
      expect({
        primary: await venue.truth(),
        relay: await venue.truth(relay),
        entries: await entries(),
      }).toEqual(before);

      // Nothing secret in Redis: every key under the prefix is the venue's, and no value holds a PIN
      // or the session's token.
      const keys = await dumpKeys(admin, venue.prefix);
      await admin.close();
      const base = `${venue.prefix}{${venue.venue}}:`;
      const known = ['games', 'meta', 'removed', 'stream', 'tournaments', 'venue', 'versions'].map(
        (k) => base + k,
      );
      expect([...keys.keys()].filter((k) => !known.includes(k))).toEqual([]);
      // No game was removed: the venue's other six keys are all there.
      expect([...keys.keys()].sort()).toEqual(known.filter((k) => !k.endsWith('removed')));
      const secret = new RegExp(
        `(?<!\\d)(${KEEPER_PIN}|${ORGANISER_PIN})(?!\\d)|${token.replace(/[^\w-]/g, '\\$&')}`,
      );
      const found = [...keys].filter(([, values]) => values.some((v) => secret.test(v))).map(([k]) => k);
      expect(found).toEqual([]);
      // A positive control: the scan does read the venue's values.
      expect([...keys.values()].flat().some((v) => v.includes('Bag Daddies'))).toBe(true);
    },
    CASE_MS,
  );
});

describe.skipIf(!hasRedisServer())('relays on a Redis with persistence', () => {
  let redis: RedisServer | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  it(
    'catches up after Redis is SIGKILLed and restarted from its append-only file',
    async () => {
      redis = await startRedisServer('aof');
      const night = await openNight({ redisUrl: redis.url });
      const startedAt = Date.now();
      const ackedAt = night.keepers.acked;
      await redis.kill();
      await night.keepers.more(10, 'writes while Redis is down');
      await redis.restart();
      await settle(night, 'Redis SIGKILLed, restarted from its AOF', startedAt, Date.now(), ackedAt);
    },
    CASE_MS,
  );

  it(
    'catches up after Redis comes back as an older copy (an RDB saved earlier) while the venue is away',
    async () => {
      redis = await startRedisServer('rdb');
      const proxy = await PausableProxy.start(redis.port);
      try {
        const night = await openNight({ redisUrl: redis.url, primaryRedisUrl: proxy.url });
        const admin = await redis.admin();
        await admin.sendCommand(['SAVE']);
        await admin.close();
        // The relays move past the saved copy.
        await night.keepers.more(30, 'writes after the save');
        const ackedAt = night.keepers.acked;
        const startedAt = Date.now();
        // The venue's link is silent while Redis restarts from the older copy: the relays meet it first.
        proxy.pause('hold');
        await redis.kill();
        await redis.restart();
        const relays = night.venue.liveRelays();
        await until(async () => {
          for (const r of relays) {
            const s = await followStatus(r);
            if (s.state === 'down' || s.state === 'starting') return false;
            if (s.state !== 'waiting' && s.reloads === night.reloadsBefore.get(r.pid)) return false;
          }
          return true;
        }, 'the relays to look at the restored copy');
        await night.keepers.more(10, 'writes while the venue is away');
        proxy.resume();
        await settle(night, 'Redis restored from an older RDB', startedAt, Date.now(), ackedAt);
      } finally {
        await proxy.close();
      }
    },
    CASE_MS,
  );
});

/** Routes the primary has and a relay has not, as [method, path] (from the routers themselves). */
async function primaryOnlyRoutes(): Promise<Array<[string, string]>> {
  const t = await testDeps();
  try {
    const routesOf = (app: ReturnType<typeof createApp>) =>
      app.koa.middleware.flatMap((m) => {
        const router = (m as { router?: { stack: Array<{ path: string; methods: string[] }> } }).router;
        return router
          ? router.stack.flatMap((l) => l.methods.filter((x) => x !== 'HEAD').map((x) => `${x} ${l.path}`))
          : [];
      });
    const relay = new Set(routesOf(createApp({ ...t.deps, role: 'relay' })));
    return [...new Set(routesOf(createApp(t.deps)))]
      .filter((r) => !relay.has(r))
      .map((r) => r.split(' ', 2) as [string, string]);
  } finally {
    await t.close();
  }
}

/** A route's path with real ids: the venue's first game, its tournament, board 1, team and match ids. */
function fill(path: string, venue: RelayVenue): string {
  const tournamentPath = path.includes('/tournaments/');
  return path
    .replace(':id', tournamentPath ? venue.tournament! : venue.games[0]!)
    .replace(/:(n|board)\b/, '1')
    .replace(/:(team|entrant|player)\b/, 't1')
    .replace(':match', 'm1');
}
