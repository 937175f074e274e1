// Invariants over random tournaments of 2 to 64 teams with random results, boards and holds:
// who loses how often, every pair once in a round robin, no team on two boards, no free board
// idle while a match could go to it, no bye against a bye, rematches late, and replay = state.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bracketSize, replay, standingsOf } from '../../../../server/domain/tournament/index.js';
import type { Format, Match, TournamentState } from '../../../../server/domain/tournament/index.js';
import { simulate } from './simulate.js';

/** A seeded round-1 match with byes on both sides (the draw must never make one). */
function byeMeetsBye(state: TournamentState): boolean {
  return state.matches.some((m) => m.bracket === 'winners' && m.round === 1 && m.bye.home && m.bye.away);
}

function losses(state: TournamentState): Map<string, number> {
  const count = new Map(state.teams.map((t) => [t.id, 0]));
  for (const m of state.matches) {
    if (m.decidedBy === 'game' && m.loser !== null) count.set(m.loser, (count.get(m.loser) ?? 0) + 1);
  }
  return count;
}

/** The first losers' round where a rematch can happen at all, per bracket size (see double.ts). */
const FIRST_REMATCH: Record<number, number> = { 4: 2, 8: 3, 16: 4, 32: 5, 64: 7 };

const base = {
  n: fc.integer({ min: 2, max: 64 }),
  seed: fc.integer({ min: 0, max: 0xffff_ffff }),
  boards: fc.integer({ min: 1, max: 8 }),
  reset: fc.boolean(),
  twice: fc.boolean(),
};
const runs = (format: Format) => fc.record({ ...base, format: fc.constant(format) });

/** A cap for the heaviest properties on a loaded 2-core machine; it asserts nothing about time. */
const HEAVY_MS = 180_000;

describe('properties, 2 to 64 teams with random results', () => {
  it('single elimination: everyone but the champion loses exactly once; no bye meets a bye', () => {
    fc.assert(
      fc.property(runs('single'), (run) => {
        const { log } = simulate(run);
        const state = log.state;
        expect(byeMeetsBye(state)).toBe(false);
        for (const [team, lost] of losses(state)) expect(lost).toBe(team === state.champion ? 0 : 1);
        expect(state.standings.filter((s) => s.place === 1).map((s) => s.team)).toEqual([state.champion]);
      }),
      { numRuns: 50 },
    );
  });

  it('double elimination: everyone but the champion loses twice, the champion at most once; no bye meets a bye', () => {
    fc.assert(
      fc.property(runs('double'), (run) => {
        const { log } = simulate(run);
        const state = log.state;
        expect(byeMeetsBye(state)).toBe(false);
        const lost = losses(state);
        expect(lost.get(state.champion ?? '')).toBeLessThanOrEqual(1);
        const f1 = state.matches.find((m) => m.id === 'F1');
        for (const [team, count] of lost) {
          if (team === state.champion) continue;
          // Without a reset the first final ends it: the winners' champion may go out after one loss.
          const once = !run.reset && team === f1?.loser && f1.loser === f1.home;
          expect(count, team).toBe(once ? 1 : 2);
        }
        expect(state.standings.every((s) => s.place !== null)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('double elimination: two teams meet again only from the losers round where it first can happen', () => {
    fc.assert(
      fc.property(runs('double'), (run) => {
        const { log } = simulate(run);
        const size = bracketSize(run.n);
        const first = FIRST_REMATCH[size] ?? 1;
        const met = new Set<string>();
        const pair = (m: Match) => [m.home, m.away].sort().join('|');
        const played = log.state.matches.filter((m) => m.decidedBy === 'game');
        // Plan order is play order for any one team: a match comes after those it waits for.
        for (const m of played) {
          if (m.bracket === 'losers' && met.has(pair(m))) expect(m.round, m.id).toBeGreaterThanOrEqual(first);
          met.add(pair(m));
        }
      }),
      { numRuns: 40 },
    );
  });

  it(
    'round robin: every pair meets exactly once (twice when asked), nobody twice in a round',
    () => {
      fc.assert(
        fc.property(runs('round-robin'), (run) => {
          const { log } = simulate(run);
          const state = log.state;
          const meetings = new Map<string, number>();
          for (const m of state.matches) {
            const key = [m.home, m.away].sort().join('|');
            meetings.set(key, (meetings.get(key) ?? 0) + 1);
            expect(m.decidedBy).toBe('game');
          }
          expect(meetings.size).toBe((run.n * (run.n - 1)) / 2);
          for (const count of meetings.values()) expect(count).toBe(run.twice ? 2 : 1);
          const rounds = new Map<number, string[]>();
          for (const m of state.matches)
            rounds.set(m.round, [...(rounds.get(m.round) ?? []), m.home ?? '', m.away ?? '']);
          for (const inRound of rounds.values()) expect(new Set(inRound).size).toBe(inRound.length);
        }),
        { numRuns: 10 },
      );
    },
    HEAVY_MS,
  );

  it(
    'replaying the events gives the same tournament, at the end and on the way',
    () => {
      const anyFormat = fc.record({
        ...base,
        format: fc.constantFrom<Format>('single', 'double', 'round-robin'),
      });
      fc.assert(
        fc.property(anyFormat, (run) => {
          const { log, snapshots } = simulate(run);
          // As JSON: a deep toEqual of thousands of matches is most of the run time otherwise.
          expect(JSON.stringify(replay(log.events))).toBe(JSON.stringify(log.state));
          for (const snap of snapshots) {
            expect(JSON.stringify(replay(log.events.slice(0, snap.at)))).toBe(JSON.stringify(snap.state));
          }
          expect(log.state.version).toBe(log.events.length - 1);
          // Standings kept result by result equal the standings counted afresh.
          for (const state of [log.state, ...snapshots.map((x) => x.state)]) {
            expect(JSON.stringify(state.standings)).toBe(JSON.stringify(standingsOf(state)));
          }
        }),
        { numRuns: 30 },
      );
    },
    HEAVY_MS,
  );
});
