// Pools into a bracket: seeds dealt into pools by snake, a round robin in each, then a single
// elimination of each pool's top teams, crossed so that pool winners (and teams of one pool) meet
// as late as the bracket allows; the bracket's sides are pool placings, known when the pool is over.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bracketSize,
  crossedPlacings,
  decide,
  seedPositions,
} from '../../../../server/domain/tournament/index.js';
import type { Match, Source } from '../../../../server/domain/tournament/index.js';
import { at, createCommand, given, inBracket, match, play, playOut, teams, type Log } from './given.js';
import { beats } from './night-given.js';

const start = { type: 'start' } as const;
const pools = (n: number, size = 4, advance = 2) =>
  given(
    {
      format: 'pools',
      teams: teams(n),
      boards: [1, 2, 3, 4],
      options: { seed: 1, pools: { size, advance } },
    },
    start,
  );
const side = (s: Source) =>
  s.kind === 'placing'
    ? `${s.pool}${s.place}`
    : s.kind === 'team'
      ? s.team
      : s.kind === 'bye'
        ? 'bye'
        : `${s.kind} ${s.match}`;
const sources = (ms: Match[]) => ms.map((m) => `${m.id}: ${side(m.from.home)} v ${side(m.from.away)}`);
const pairKey = (m: Match) => [m.home, m.away].sort().join('-');
/** Pool A of an 8-team pools night with these results: [winner, loser, points, against]. */
const poolA = (results: [string, string, number, number][]) =>
  results.reduce(
    (log, [a, b, points, against]) => play(log, beats(log.state, a, b, points, against)),
    pools(8),
  );
const table = (log: Log, pool: string) =>
  log.state.pools.find((p) => p.name === pool)?.standings.map((s) => s.team) ?? [];

describe('pools: the draw', () => {
  it('deals 8 teams into two pools of four by snake, every pair of a pool once, then A1 v B2 and B1 v A2', () => {
    const { state } = pools(8);
    expect(state.pools.map((p) => [p.name, p.teams])).toEqual([
      ['A', ['t1', 't4', 't5', 't8']],
      ['B', ['t2', 't3', 't6', 't7']],
    ]);
    for (const pool of ['A', 'B']) {
      const ms = inBracket(state, pool);
      expect(ms).toHaveLength(6);
      expect(new Set(ms.map(pairKey)).size).toBe(6);
    }
    expect(sources(inBracket(state, 'winners'))).toEqual([
      'W1-1: A1 v B2',
      'W1-2: B1 v A2',
      'W2-1: winner W1-1 v winner W1-2',
    ]);
    // The bracket comes after the pools' three rounds, and waits for them.
    expect(inBracket(state, 'winners').map((m) => [m.depth, m.status])).toEqual([
      [4, 'pending'],
      [4, 'pending'],
      [5, 'pending'],
    ]);
  });

  it('makes pools no bigger than the size, differing by one team at most: 10 teams in 3, 3 and 4', () => {
    const { state } = pools(10);
    expect(state.pools.map((p) => p.teams)).toEqual([
      ['t1', 't6', 't7'],
      ['t2', 't5', 't8'],
      ['t3', 't4', 't9', 't10'],
    ]);
    // A pool of three: three rounds, each team sits one out.
    expect(inBracket(state, 'A').map((m) => m.round)).toEqual([1, 2, 3]);
  });

  it('crosses four pools: a winner meets a runner-up of another pool, pool winners in the semi-finals at the earliest', () => {
    const { state } = pools(16);
    expect(sources(inBracket(state, 'winners', 1))).toEqual([
      'W1-1: A1 v C2',
      'W1-2: D1 v B2',
      'W1-3: B1 v D2',
      'W1-4: C1 v A2',
    ]);
  });

  it('crosses any pools so that two teams of one pool meet as late as the bracket allows', () => {
    const cases = fc
      .record({ count: fc.integer({ min: 2, max: 22 }), advance: fc.integer({ min: 1, max: 6 }) })
      .filter(({ count, advance }) => count * advance <= 64);
    fc.assert(
      fc.property(cases, ({ count, advance }) => {
        const names = Array.from({ length: count }, (_, i) => String.fromCharCode(65 + i));
        const entrants = crossedPlacings(names, advance);
        expect(entrants.filter((e) => e.kind === 'placing')).toHaveLength(count * advance);
        const size = bracketSize(count * advance);
        const position = new Map(seedPositions(size).map((seed, i) => [seed, i]));
        const meet = (a: number, b: number) =>
          32 - Math.clz32((position.get(a) ?? 0) ^ (position.get(b) ?? 0));
        // `advance` teams of one pool must meet by this round, whatever the draw.
        const latest = Math.log2(size) - Math.ceil(Math.log2(advance)) + 1;
        entrants.forEach((a, i) =>
          entrants.forEach((b, j) => {
            if (i < j && a.kind === 'placing' && b.kind === 'placing' && a.pool === b.pool) {
              expect(meet(i + 1, j + 1)).toBeGreaterThanOrEqual(latest);
            }
          }),
        );
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    ['no pools for the pools format', { format: 'pools' as const }],
    ['pools for another format', { options: { seed: 1, pools: { size: 4, advance: 2 } } }],
    ['pools of two', { format: 'pools' as const, options: { seed: 1, pools: { size: 2, advance: 1 } } }],
    [
      'more to go on than a pool holds',
      { format: 'pools' as const, teams: teams(9), options: { seed: 1, pools: { size: 4, advance: 4 } } },
    ],
    [
      'a bracket of one',
      { format: 'pools' as const, teams: teams(3), options: { seed: 1, pools: { size: 4, advance: 1 } } },
    ],
  ])('refuses %s with bad_pools', (_, overrides) => {
    expect(decide(createCommand(overrides), null, { at: at(0) })).toMatchObject({
      ok: false,
      code: 'bad_pools',
    });
  });
});

describe('pools: who goes on', () => {
  it('fills a side of the bracket once its pool is over, the other side waiting for its own pool', () => {
    let log = pools(8);
    // Pool A: the better seed wins every match.
    const a = ['t1', 't4', 't5', 't8'];
    for (const [i, x] of a.entries()) for (const y of a.slice(i + 1)) log = play(log, beats(log.state, x, y));
    expect(table(log, 'A')).toEqual(['t1', 't4', 't5', 't8']);
    expect(log.state.pools[0]?.done).toBe(true);
    expect(match(log.state, 'W1-1')).toMatchObject({ home: 't1', away: null, status: 'pending' });
    expect(match(log.state, 'W1-2')).toMatchObject({ home: null, away: 't4', status: 'pending' });
  });

  it('sends the top two of each pool on; the others are out, placed by their place in their pool', () => {
    const end = playOut(pools(8), (m) =>
      m.home !== null && m.away !== null && m.home < m.away ? 'home' : 'away',
    );
    const through = inBracket(end.state, 'winners', 1).flatMap((m) => [m.home, m.away]);
    const top = end.state.pools.flatMap((p) => p.standings.slice(0, 2).map((s) => s.team));
    expect([...through].sort()).toEqual([...top].sort());
    const rest = end.state.standings.slice(4);
    expect(rest.every((s) => s.eliminated)).toBe(true);
    // Two third places share 5th, two fourth places share 7th.
    expect(rest.map((s) => s.place)).toEqual([5, 5, 7, 7]);
    expect(end.state.standings[0]).toMatchObject({ team: end.state.champion, place: 1 });
    expect(end.state.pools.every((p) => p.done && p.standings.every((s, i) => s.place === i + 1))).toBe(true);
  });

  it('ranks a pool by the round robin tie-breaks: wins, then head-to-head among teams level on wins', () => {
    // t1 and t4 both win two; t1 beat t4, so t1 is first though t4's difference is far better.
    // t5 and t8 both win one; t5 beat t8.
    const log = poolA([
      ['t1', 't4', 21, 20],
      ['t4', 't5', 21, 0],
      ['t4', 't8', 21, 0],
      ['t1', 't5', 21, 20],
      ['t8', 't1', 21, 0],
      ['t5', 't8', 21, 19],
    ]);
    expect(table(log, 'A')).toEqual(['t1', 't4', 't5', 't8']);
  });

  it('then point difference, then points for, then seed', () => {
    // A circle: t1 > t4 > t5 > t1, each beats t8: three teams on two wins, one head-to-head win each.
    const log = poolA([
      ['t1', 't4', 21, 11],
      ['t4', 't5', 21, 5],
      ['t5', 't1', 21, 19],
      ['t1', 't8', 21, 10],
      ['t4', 't8', 21, 10],
      ['t5', 't8', 21, 10],
    ]);
    // Differences: t1 +10 -2 +11 = 19; t4 -10 +16 +11 = 17; t5 -16 +2 +11 = -3.
    expect(table(log, 'A')).toEqual(['t1', 't4', 't5', 't8']);
    // t1, t4, t5 each +1 +1 -1 = +1 on 2 wins; points for: t5 20+21+25 = 66, t1 and t4 62;
    // t1 and t4 level on everything: the better seed (t1) first.
    const level = poolA([
      ['t1', 't4', 21, 20],
      ['t4', 't5', 21, 20],
      ['t5', 't1', 21, 20],
      ['t1', 't8', 21, 20],
      ['t4', 't8', 21, 20],
      ['t5', 't8', 25, 24],
    ]);
    expect(table(level, 'A')).toEqual(['t5', 't1', 't4', 't8']);
  });
});
