// brackets-manager (MIT, a test-only oracle) as a second implementation: the same seeds, the same
// drop orders and the same results, and after every result each match must hold the same teams
// (or the same byes) in both: first-round pairings, byes and where every winner and loser goes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BracketsManager } from 'brackets-manager';
import { bracketSize, dropOrder, roundsOf } from '../../../../server/domain/tournament/index.js';
import type { TournamentState } from '../../../../server/domain/tournament/index.js';
import { MemoryStorage } from './oracle-storage.js';
import { given, play, result, teams, type Log } from './given.js';

type Opponent = { id: number | string | null } | null;
interface OracleMatch {
  id: number | string;
  group_id: number | string;
  round_id: number | string;
  number: number;
  opponent1: Opponent;
  opponent2: Opponent;
}

const BRACKETS: Record<number, string> = { 1: 'winners', 2: 'losers', 3: 'final' };

class Oracle {
  private manager = new BracketsManager(new MemoryStorage());
  private names = new Map<number | string, string>();

  async create(format: 'single' | 'double', seeds: string[], reset: boolean): Promise<void> {
    const size = bracketSize(seeds.length);
    // Our drop orders, by name, so the oracle checks the routing they give (brackets-manager has
    // its own defaults per size, which differ from ours for 16 and 64 teams).
    const drops = Array.from({ length: roundsOf(size) - 1 }, (_, i) => dropOrder(i + 1));
    await this.manager.create.stage({
      tournamentId: 0,
      name: 'oracle',
      type: format === 'single' ? 'single_elimination' : 'double_elimination',
      seeding: [...seeds, ...Array.from({ length: size - seeds.length }, () => null)],
      settings: {
        size,
        seedOrdering: format === 'single' ? ['inner_outer'] : ['inner_outer', ...drops],
        ...(format === 'double' ? { grandFinal: reset ? 'double' : 'simple' } : {}),
      },
    });
    const data = await this.manager.get.stageData(0);
    for (const p of data.participant) this.names.set(p.id, p.name);
  }

  /** Every match as "bracket:round:number" → "home-away" in the test's pairing notation. */
  async pairings(): Promise<Map<string, string>> {
    const data = await this.manager.get.stageData(0);
    const group = new Map(data.group.map((g) => [g.id, BRACKETS[g.number] ?? '?']));
    const round = new Map(data.round.map((r) => [r.id, r.number]));
    const side = (o: Opponent) => (o === null ? 'bye' : o.id === null ? '?' : (this.names.get(o.id) ?? '!'));
    const out = new Map<string, string>();
    for (const m of data.match as OracleMatch[]) {
      const key = `${group.get(m.group_id)}:${round.get(m.round_id)}:${m.number}`;
      out.set(key, `${side(m.opponent1)}-${side(m.opponent2)}`);
    }
    return out;
  }

  async record(bracket: string, roundNumber: number, order: number, homeWins: boolean): Promise<void> {
    const data = await this.manager.get.stageData(0);
    const groupId = data.group.find((g) => BRACKETS[g.number] === bracket)?.id;
    const roundId = data.round.find((r) => r.group_id === groupId && r.number === roundNumber)?.id;
    const match = data.match.find((m) => m.round_id === roundId && m.number === order);
    if (match === undefined) throw new Error(`oracle has no ${bracket} ${roundNumber}-${order}`);
    await this.manager.update.match({
      id: match.id,
      opponent1: { score: homeWins ? 21 : 10, result: homeWins ? 'win' : 'loss' },
      opponent2: { score: homeWins ? 10 : 21, result: homeWins ? 'loss' : 'win' },
    });
  }
}

/** Ours in the same notation; a bracket reset that was not needed is left out (see below). */
function ours(state: TournamentState): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of state.matches) {
    if (m.decidedBy === 'unneeded') continue;
    const side = (team: string | null, bye: boolean) => team ?? (bye ? 'bye' : '?');
    out.set(`${m.bracket}:${m.round}:${m.order}`, `${side(m.home, m.bye.home)}-${side(m.away, m.bye.away)}`);
  }
  return out;
}

async function agree(n: number, format: 'single' | 'double', reset: boolean, seed: number): Promise<void> {
  let log: Log = given(
    { format, teams: teams(n), boards: [1, 2, 3], options: { seed, reset } },
    { type: 'start' },
  );
  const oracle = new Oracle();
  await oracle.create(format, log.state.seeds, reset);
  const compare = async (when: string) => {
    const theirs = await oracle.pairings();
    const mine = ours(log.state);
    for (const [key, pairing] of mine) expect(theirs.get(key), `${key} ${when}`).toBe(pairing);
    const unneeded = log.state.matches.some((m) => m.decidedBy === 'unneeded') ? ['final:2:1'] : [];
    expect([...theirs.keys()].sort()).toEqual([...mine.keys(), ...unneeded].sort());
  };
  await compare('at the start');
  let rand = seed;
  const next = () => (rand = (Math.imul(rand, 1103515245) + 12345) >>> 0) >>> 16;
  while (log.state.status === 'live') {
    const open = log.state.matches.filter((m) => m.status === 'called');
    const m = open[next() % open.length];
    if (m === undefined) throw new Error('nothing called');
    const homeWins = next() % 2 === 0;
    log = play(log, result(log.state, m.id, homeWins ? 'home' : 'away'));
    await oracle.record(m.bracket, m.round, m.order, homeWins);
    await compare(`after ${m.id}`);
  }
  if (format === 'double' && reset) {
    // brackets-manager keeps an unneeded reset with the same two teams; ours closes it empty.
    const f2 = log.state.matches.find((m) => m.id === 'F2');
    const f1 = log.state.matches.find((m) => m.id === 'F1');
    if (f2?.decidedBy === 'unneeded')
      expect((await oracle.pairings()).get('final:2:1')).toBe(`${f1?.home}-${f1?.away}`);
  }
}

const sizes = fc.integer({ min: 2, max: 64 });
const seeds = fc.integer({ min: 0, max: 0xffff_ffff });

describe('the oracle (brackets-manager) agrees', () => {
  it('on single elimination pairings, byes and routing, 2 to 64 teams', async () => {
    await fc.assert(
      fc.asyncProperty(sizes, seeds, (n, seed) => agree(n, 'single', false, seed)),
      { numRuns: 25 },
    );
  });

  it('on double elimination with a bracket reset, 3 to 64 teams', async () => {
    const n = fc.integer({ min: 3, max: 64 });
    await fc.assert(
      fc.asyncProperty(n, seeds, (k, seed) => agree(k, 'double', true, seed)),
      { numRuns: 15 },
    );
  });

  it('on double elimination without a reset, 3 to 64 teams', async () => {
    const n = fc.integer({ min: 3, max: 64 });
    await fc.assert(
      fc.asyncProperty(n, seeds, (k, seed) => agree(k, 'double', false, seed)),
      { numRuns: 10 },
    );
  });

  it.each([3, 4, 5, 8, 9, 16, 17, 31, 32, 33, 63, 64])('on a %i-team double elimination', async (n) => {
    await agree(n, 'double', true, n * 7919);
  });
});
