// Best-of-N series: a match of a bracket named in `bestOf` (or all) stays on its board game after
// game until one team has won more than half; each game is called in turn and listed in the match.
import { describe, expect, it } from 'vitest';
import { decide, noShowDeadline } from '../../../../server/domain/tournament/index.js';
import type { Command, CreateCommand } from '../../../../server/domain/tournament/index.js';
import { at, createCommand, given, inBracket, match, play, playOut, result, teams, when } from './given.js';
import { eventsOf, onBoards } from './night-given.js';

const start = { type: 'start' } as const;
const game = (
  winner: string,
  home: number,
  away: number,
  gameId?: string,
): Omit<Command, 'type'> & Command => ({
  type: 'record_result',
  match: 'W2-1',
  winner,
  score: { home, away },
  ...(gameId === undefined ? {} : { gameId }),
});

describe('series', () => {
  const finals = (overrides: Partial<CreateCommand> = {}) =>
    given(
      { teams: teams(4), options: { seed: 1, bestOf: { final: 3 }, noShowMinutes: 5 }, ...overrides },
      start,
    );
  const toFinal = () => {
    const log = finals();
    return play(log, result(log.state, 'W1-1', 'home'), result(log.state, 'W1-2', 'home'));
  };

  it('makes the final a best of 3 and the other matches single games', () => {
    const { state } = finals();
    expect(state.matches.map((m) => [m.id, m.bestOf])).toEqual([
      ['W1-1', 1],
      ['W1-2', 1],
      ['W2-1', 3],
    ]);
  });

  it('keeps the final on its board after one game, calls the next game, and decides it at two wins', () => {
    let log = toFinal();
    expect(match(log.state, 'W2-1')).toMatchObject({ home: 't1', away: 't2', status: 'called', board: 1 });
    log = play(
      log,
      { type: 'link_game', match: 'W2-1', gameId: 'g1' },
      { type: 'start_match', match: 'W2-1' },
    );
    const first = eventsOf(when(log, game('t1', 21, 15, 'g1')));
    expect(first.map((e) => e.type)).toEqual(['game_result']);
    log = play(log, game('t1', 21, 15, 'g1'));
    const after = match(log.state, 'W2-1');
    expect(after).toMatchObject({ status: 'called', board: 1, gameId: null, startedAt: null, winner: null });
    expect(after.calledAt).toBe(at(log.events.length - 1));
    expect(after.games).toEqual([
      { gameId: 'g1', winner: 't1', score: { home: 21, away: 15 }, at: at(log.events.length - 1) },
    ]);
    expect(log.state.status).toBe('live');
    log = play(log, { type: 'link_game', match: 'W2-1', gameId: 'g2' }, game('t2', 12, 21, 'g2'));
    expect(match(log.state, 'W2-1').games.map((g) => g.winner)).toEqual(['t1', 't2']);
    log = play(log, { type: 'link_game', match: 'W2-1', gameId: 'g3' }, game('t1', 21, 20, 'g3'));
    expect(match(log.state, 'W2-1')).toMatchObject({
      status: 'done',
      winner: 't1',
      loser: 't2',
      score: { home: 2, away: 1 },
      gameId: 'g3',
      decidedBy: 'game',
    });
    expect(log.state).toMatchObject({ status: 'final', champion: 't1' });
    // Its standings count the points of its games: t1 scored 21 + 12 + 21 in the final.
    const t1 = log.state.standings.find((s) => s.team === 't1');
    expect(t1).toMatchObject({ played: 2, wins: 2, pointsFor: 21 + 54, pointsAgainst: 10 + 56 });
  });

  it('restarts the no-show clock for each game of the series', () => {
    let log = toFinal();
    log = play(log, game('t1', 21, 15));
    const m = match(log.state, 'W2-1');
    expect(noShowDeadline(log.state, m)).toBe(
      new Date(Date.parse(m.calledAt ?? '') + 5 * 60_000).toISOString(),
    );
  });

  it('refuses a game result from another game than the linked one', () => {
    const log = play(toFinal(), { type: 'link_game', match: 'W2-1', gameId: 'g1' });
    expect(when(log, game('t1', 21, 3, 'g9'))).toMatchObject({ ok: false, code: 'wrong_game' });
  });

  it('applies "all" to every bracket, a named bracket over it, and "final" to a double elimination’s finals', () => {
    const log = given(
      { format: 'double', teams: teams(4), options: { seed: 1, bestOf: { all: 3, losers: 1, final: 5 } } },
      start,
    );
    const of = (bracket: string) => [...new Set(inBracket(log.state, bracket).map((m) => m.bestOf))];
    expect([of('winners'), of('losers'), of('final')]).toEqual([[3], [1], [5]]);
  });

  it('plays a whole pools night with best-of-3 pool games: every match ends at two wins', () => {
    const end = playOut(
      given(
        {
          format: 'pools',
          teams: teams(6),
          boards: [1, 2],
          options: { seed: 2, pools: { size: 3, advance: 1 }, bestOf: { all: 3 } },
        },
        start,
      ),
    );
    expect(end.state.status).toBe('final');
    for (const m of end.state.matches.filter((x) => x.decidedBy === 'game')) {
      expect(m.games.filter((g) => g.winner === m.winner)).toHaveLength(2);
    }
    // No team was ever on two boards: checked at every write by the properties; here the boards end free.
    expect(onBoards(end.state)).toEqual([]);
  });

  it.each([[{ final: 2 }], [{ final: 11 }], [{ semis: 3 }], [{ all: 0 }]])('refuses bestOf %j', (bestOf) => {
    const command = createCommand({ options: { seed: 1, bestOf } });
    expect(decide(command, null, { at: at(0) })).toMatchObject({ ok: false, code: 'bad_best_of' });
  });
});
