// Invariants of a tournament night over random nights: no team on two boards and no board idle
// while a match could go to it (checked at every write, through series, forfeits, withdrawals, late
// teams and corrections), replay = state for every new event, the standings counted afresh; a
// correction voids exactly the downstream matches whose teams or results depend on it; pools play
// every pair once and send their top on; switch partners never repeat a partner while a pairing
// without a repeat was possible; the blossom matching is maximum.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  maximumMatching,
  previewCorrection,
  replay,
  standingsOf,
} from '../../../../server/domain/tournament/index.js';
import type { Format, Match, TournamentState } from '../../../../server/domain/tournament/index.js';
import { given, play, result, teams, type Log } from './given.js';
import { simulateNight, type NightRun } from './night-simulate.js';
import { players } from './night-given.js';

const seed = fc.integer({ min: 0, max: 0xffff_ffff });

describe('a tournament night, at random', () => {
  const nights = fc.oneof(
    fc.record({
      format: fc.constantFrom<Format>('single', 'double', 'round-robin', 'pools'),
      n: fc.integer({ min: 4, max: 24 }),
      seed,
      boards: fc.integer({ min: 1, max: 6 }),
      bestOf: fc.constantFrom(1, 1, 3),
      draw: fc.constantFrom<NightRun['draw']>('none', 'none', 'blind'),
    }),
    fc.record({
      format: fc.constant<Format>('round-robin'),
      n: fc.integer({ min: 2, max: 8 }),
      seed,
      boards: fc.integer({ min: 1, max: 4 }),
      bestOf: fc.constant(1),
      draw: fc.constant<NightRun['draw']>('switch'),
    }),
  );

  it('never puts a team on two boards, and replaying its events gives the same tournament', () => {
    fc.assert(
      fc.property(nights, (run) => {
        const { log, snapshots } = simulateNight(run);
        expect(log.state.status).toBe('final');
        expect(JSON.stringify(replay(log.events))).toBe(JSON.stringify(log.state));
        for (const snap of snapshots) {
          expect(JSON.stringify(replay(log.events.slice(0, snap.at)))).toBe(JSON.stringify(snap.state));
        }
        expect(log.state.version).toBe(log.events.length - 1);
        expect(JSON.stringify(log.state.standings)).toBe(JSON.stringify(standingsOf(log.state)));
      }),
      { numRuns: 40 },
    );
  });
});

/** Downstream of `from` along winners and losers, on past every match that was decided. */
function downstream(state: TournamentState, from: string): string[] {
  const byId = new Map(state.matches.map((m) => [m.id, m]));
  const found = new Set<string>();
  const queue = [from];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const m = byId.get(id);
    for (const to of [m?.winnerTo, m?.loserTo]) {
      if (to === null || to === undefined || found.has(to)) continue;
      found.add(to);
      if (byId.get(to)?.status === 'done') queue.push(to);
    }
  }
  return state.matches.filter((m) => found.has(m.id)).map((m) => m.id);
}

describe('corrections', () => {
  const runs = fc.record({
    format: fc.constantFrom<'single' | 'double'>('single', 'double'),
    n: fc.integer({ min: 3, max: 40 }),
    seed,
    played: fc.integer({ min: 1, max: 200 }),
    pick: fc.nat(),
    reset: fc.boolean(),
  });

  it('void exactly the downstream matches whose teams or results depend on the corrected one', () => {
    fc.assert(
      fc.property(runs, ({ format, n, seed: s, played, pick, reset }) => {
        let log: Log = given(
          { format, teams: teams(n), boards: [1, 2, 3], options: { seed: s, seeding: 'random', reset } },
          { type: 'start' },
        );
        for (let i = 0; i < played && log.state.status === 'live'; i++) {
          const open = log.state.matches.filter((m) => m.status === 'called');
          const m = open[(s + i) % open.length] as Match;
          log = play(log, result(log.state, m.id, (s >> (i % 16)) % 2 === 0 ? 'home' : 'away'));
        }
        const done = log.state.matches.filter((m) => m.decidedBy === 'game');
        const m = done[pick % done.length] as Match;
        const winner = (m.winner === m.home ? m.away : m.home) ?? '';
        const preview = previewCorrection(log.state, { match: m.id, winner });
        if (!preview.ok) expect.fail(preview.code);
        expect(preview.voids).toEqual(downstream(log.state, m.id));
        const next = play(log, { type: 'correct_result', match: m.id, winner, by: 'desk' });
        for (const id of preview.voids) {
          expect(next.state.matches.find((x) => x.id === id)?.decidedBy).not.toBe('game');
        }
        expect(JSON.stringify(replay(next.events))).toBe(JSON.stringify(next.state));
      }),
      { numRuns: 60 },
    );
  });
});

describe('pools', () => {
  const runs = fc
    .record({
      n: fc.integer({ min: 6, max: 64 }),
      size: fc.integer({ min: 3, max: 8 }),
      advance: fc.integer({ min: 1, max: 3 }),
      seed,
    })
    .filter(({ n, size, advance }) => {
      const count = Math.ceil(n / size);
      return count <= 22 && advance <= Math.floor(n / count) && count * advance >= 2;
    });

  it('play every pair of a pool once, put every team in one pool, and send each pool’s top on', () => {
    fc.assert(
      fc.property(runs, ({ n, size, advance, seed: s }) => {
        let log = given(
          {
            format: 'pools',
            teams: teams(n),
            boards: [1, 2, 3, 4],
            options: { seed: s, seeding: 'random', pools: { size, advance } },
          },
          { type: 'start' },
        );
        const all = log.state.pools.flatMap((p) => p.teams);
        expect([...all].sort()).toEqual(
          teams(n)
            .map((t) => t.id)
            .sort(),
        );
        for (const pool of log.state.pools) {
          expect(pool.teams.length).toBeLessThanOrEqual(size);
          const pairs = log.state.matches
            .filter((m) => m.bracket === pool.name)
            .map((m) => [m.home, m.away].sort().join('|'));
          expect(pairs).toHaveLength((pool.teams.length * (pool.teams.length - 1)) / 2);
          expect(new Set(pairs).size).toBe(pairs.length);
        }
        for (let i = 0; log.state.pools.some((p) => !p.done); i++) {
          const m = log.state.matches.find((x) => x.status === 'called') as Match;
          log = play(log, result(log.state, m.id, (s >> (i % 16)) % 3 === 0 ? 'away' : 'home', i % 21));
        }
        const top = log.state.pools.flatMap((p) => p.standings.slice(0, advance).map((x) => x.team));
        const bracket = log.state.matches.filter((m) => m.bracket === 'winners' && m.round === 1);
        const entrants = bracket.flatMap((m) => [m.home, m.away]).filter((t) => t !== null);
        const byes = bracket.filter((m) => m.decidedBy === 'bye').map((m) => m.winner);
        expect(new Set([...entrants, ...byes])).toEqual(new Set(top));
      }),
      { numRuns: 30 },
    );
  });
});

/** Whether these players can be paired without any pair in `used` (and only across tiers, if given). */
function repeatFree(ids: string[], used: Set<string>, tier: (id: string) => string | null): boolean {
  if (ids.length === 0) return true;
  const [first, ...rest] = ids as [string, ...string[]];
  return rest.some(
    (other, i) =>
      !used.has([first, other].sort().join('|')) &&
      (tier(first) === null || tier(first) !== tier(other)) &&
      repeatFree([...rest.slice(0, i), ...rest.slice(i + 1)], used, tier),
  );
}

describe('switch partners', () => {
  const runs = fc.record({
    n: fc.integer({ min: 4, max: 11 }),
    rounds: fc.integer({ min: 1, max: 12 }),
    tiers: fc.boolean(),
    seed,
  });

  it('never partners two players twice while a pairing without a repeat is possible', () => {
    fc.assert(
      fc.property(runs, ({ n, rounds, tiers, seed: s }) => {
        const count = tiers ? n + (n % 2) : n;
        let log = given(
          {
            format: 'round-robin',
            teams: [],
            players: players(count, tiers),
            boards: [1, 2, 3],
            options: { seed: s, draw: 'switch', rounds },
          },
          { type: 'start' },
        );
        const tierOf = new Map(log.state.players.map((p) => [p.id, p.tier]));
        const used = new Set<string>();
        for (let r = 1; r <= rounds; r++) {
          const inRound = log.state.teams
            .filter((t) => t.id.startsWith(`r${r}-`))
            .map((t) => t.members ?? []);
          const playing = inRound.flat();
          expect(new Set(playing).size).toBe(playing.length);
          const repeats = inRound.filter((pair) => used.has([...pair].sort().join('|')));
          if (repeats.length > 0)
            expect(repeatFree(playing, used, (id) => tierOf.get(id) ?? null)).toBe(false);
          for (const pair of inRound) used.add([...pair].sort().join('|'));
          for (const m of log.state.matches.filter((x) => x.round === r && x.status !== 'done')) {
            log = play(log, result(log.state, m.id, 'home'));
          }
        }
        expect(log.state.status).toBe('final');
      }),
      { numRuns: 60 },
    );
  });
});

describe('the blossom matching', () => {
  it('is as large as a brute force finds, in any graph of up to 10 vertices', () => {
    const graphs = fc
      .integer({ min: 1, max: 10 })
      .chain((n) =>
        fc.tuple(
          fc.constant(n),
          fc.array(fc.boolean(), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }),
        ),
      );
    fc.assert(
      fc.property(graphs, ([n, bits]) => {
        const edges: [number, number][] = [];
        let k = 0;
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (bits[k++]) edges.push([i, j]);
        const adjacent = Array.from({ length: n }, (_, v) =>
          edges.flatMap(([a, b]) => (a === v ? [b] : b === v ? [a] : [])),
        );
        const mate = maximumMatching(adjacent);
        for (const [v, u] of mate.entries()) {
          if (u === -1) continue;
          expect(mate[u]).toBe(v);
          expect(adjacent[v]).toContain(u);
        }
        const best = (free: number[]): number => {
          const [v, ...rest] = free;
          if (v === undefined) return 0;
          let most = best(rest);
          for (const u of adjacent[v] ?? [])
            if (rest.includes(u)) most = Math.max(most, 1 + best(rest.filter((x) => x !== u)));
          return most;
        };
        expect(mate.filter((u) => u !== -1).length / 2).toBe(best(Array.from({ length: n }, (_, i) => i)));
      }),
      { numRuns: 200 },
    );
  });
});
