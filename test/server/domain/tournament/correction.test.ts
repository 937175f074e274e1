// Correcting a played result: the preview lists the matches it voids (the downstream matches whose
// teams or results depend on it) and changes nothing; applied, it resets them, calls what is ready
// and records who changed what. A finished tournament reopens when its final is voided.
import { describe, expect, it } from 'vitest';
import { previewCorrection } from '../../../../server/domain/tournament/index.js';
import { at, given, inBracket, match, play, playOut, result, teams, when, type Log } from './given.js';
import { beats, eventOf, onBoards } from './night-given.js';

const start = { type: 'start' } as const;
/** A 4-team single elimination played to the end: t1 beat t4, t2 beat t3, t1 won the final. */
const finished = (): Log => playOut(given({ teams: teams(4), boards: [1, 2] }, start));

describe('correcting a result', () => {
  it('previews a corrected semi-final after its final was played: the final is voided, nothing changes', () => {
    const log = finished();
    expect(log.state).toMatchObject({ status: 'final', champion: 't1' });
    const before = JSON.stringify(log.state);
    expect(previewCorrection(log.state, { match: 'W1-1', winner: 't4' })).toEqual({
      ok: true,
      match: 'W1-1',
      winner: 't4',
      score: { home: 10, away: 21 },
      voids: ['W2-1'],
    });
    expect(JSON.stringify(log.state)).toBe(before);
  });

  it('applied, resets the final with the right team, calls it again and records who changed what', () => {
    const log = finished();
    const decision = when(log, { type: 'correct_result', match: 'W1-1', winner: 't4', by: 'Organiser' });
    expect(eventOf(decision, 'result_corrected')).toEqual({
      type: 'result_corrected',
      match: 'W1-1',
      winner: 't4',
      score: { home: 10, away: 21 },
      by: 'Organiser',
      voids: ['W2-1'],
      at: at(log.events.length),
    });
    const next = play(log, { type: 'correct_result', match: 'W1-1', winner: 't4', by: 'Organiser' });
    expect(match(next.state, 'W1-1')).toMatchObject({
      winner: 't4',
      loser: 't1',
      score: { home: 10, away: 21 },
    });
    expect(match(next.state, 'W2-1')).toMatchObject({
      home: 't4',
      away: 't2',
      status: 'called',
      winner: null,
      score: null,
      games: [],
      gameId: null,
    });
    expect(next.state).toMatchObject({ status: 'live', champion: null });
    expect(next.state.corrections).toEqual([
      {
        match: 'W1-1',
        by: 'Organiser',
        at: at(log.events.length),
        before: { winner: 't1', score: { home: 21, away: 10 } },
        after: { winner: 't4', score: { home: 10, away: 21 } },
        voids: ['W2-1'],
      },
    ]);
    const end = playOut(next);
    expect(end.state).toMatchObject({ status: 'final', champion: 't4' });
  });

  it('voids a called match whose team changes, freeing its board, but not a match that only waits', () => {
    let log = given({ teams: teams(8), boards: [1, 2, 3, 4] }, start);
    log = play(log, result(log.state, 'W1-1', 'home'), { type: 'link_game', match: 'W1-2', gameId: 'g2' });
    // W2-1 waits for W1-2: its home side changes, and nothing else downstream has a team from W1-1.
    expect(previewCorrection(log.state, { match: 'W1-1', winner: 't8' })).toMatchObject({ voids: ['W2-1'] });
    log = play(log, result(log.state, 'W1-2', 'home'));
    expect(onBoards(log.state)).toContain('W2-1@1');
    const next = play(log, { type: 'correct_result', match: 'W1-1', winner: 't8', by: 'desk' });
    expect(match(next.state, 'W2-1')).toMatchObject({ home: 't8', away: 't4', status: 'called' });
  });

  it('voids nothing when only the score changes in an elimination, and recounts the standings', () => {
    const log = finished();
    const score = { home: 21, away: 19 };
    expect(previewCorrection(log.state, { match: 'W1-1', winner: 't1', score })).toMatchObject({ voids: [] });
    const next = play(log, { type: 'correct_result', match: 'W1-1', winner: 't1', score, by: 'desk' });
    expect(next.state.status).toBe('final');
    expect(next.state.standings.find((s) => s.team === 't4')).toMatchObject({ pointsFor: 19 });
  });

  it('in pools, voids the bracket matches whose teams a changed pool placing moves', () => {
    let log = given(
      {
        format: 'pools',
        teams: teams(8),
        boards: [1, 2, 3, 4],
        options: { seed: 1, pools: { size: 4, advance: 2 } },
      },
      start,
    );
    for (const pool of [
      ['t1', 't4', 't5', 't8'],
      ['t2', 't3', 't6', 't7'],
    ]) {
      for (const [i, a] of pool.entries())
        for (const b of pool.slice(i + 1)) log = play(log, beats(log.state, a, b));
    }
    expect(inBracket(log.state, 'winners', 1).map((m) => `${m.home}-${m.away}`)).toEqual(['t1-t3', 't2-t4']);
    // t4 beat t1 after all: t1 and t4 both on two wins, t4 first by head-to-head.
    const fix = { type: 'correct_result', match: 'A1-1', winner: 't8', by: 'desk' } as const;
    const a11 = match(log.state, 'A1-1');
    expect([a11.home, a11.away]).toEqual(['t1', 't8']);
    expect(previewCorrection(log.state, fix)).toMatchObject({ voids: [] });
    const m = log.state.matches.find((x) => x.bracket === 'A' && [x.home, x.away].sort().join() === 't1,t4');
    const swap = { type: 'correct_result', match: m?.id ?? '', winner: 't4', by: 'desk' } as const;
    expect(previewCorrection(log.state, swap)).toMatchObject({ voids: ['W1-1', 'W1-2'] });
    const next = play(log, swap);
    expect(inBracket(next.state, 'winners', 1).map((x) => `${x.home}-${x.away}`)).toEqual(['t4-t3', 't2-t1']);
  });

  it('corrects a series by its games won, swapped by default, keeping the games as played', () => {
    let log = given({ teams: teams(2), boards: [1], options: { seed: 1, bestOf: { final: 3 } } }, start);
    log = play(log, result(log.state, 'W1-1', 'home'), result(log.state, 'W1-1', 'home'));
    expect(match(log.state, 'W1-1')).toMatchObject({ winner: 't1', score: { home: 2, away: 0 } });
    const next = play(log, {
      type: 'correct_result',
      match: 'W1-1',
      winner: 't2',
      score: null as never,
      by: 'desk',
    });
    expect(match(next.state, 'W1-1')).toMatchObject({
      winner: 't2',
      loser: 't1',
      score: { home: 0, away: 2 },
    });
    expect(match(next.state, 'W1-1').games.map((g) => g.winner)).toEqual(['t1', 't1']);
    expect(next.state).toMatchObject({ status: 'final', champion: 't2' });
  });

  it('refuses what it cannot correct, changing nothing', () => {
    const log = given({ teams: teams(3), boards: [1] }, start);
    const fix = (m: string, winner: string, by = 'desk') =>
      when(log, { type: 'correct_result', match: m, winner, by });
    expect(fix('W1-1', 't1')).toMatchObject({ code: 'not_played' }); // a bye
    expect(fix('W2-1', 't1')).toMatchObject({ code: 'not_played' }); // not yet played
    expect(fix('Z1-1', 't1')).toMatchObject({ code: 'unknown_match' });
    const played = play(log, result(log.state, 'W1-2', 'home'));
    const again = (winner: string, extra: object = {}) =>
      when(played, { type: 'correct_result', match: 'W1-2', winner, by: 'desk', ...extra });
    expect(match(played.state, 'W1-2')).toMatchObject({ home: 't2', away: 't3', winner: 't2' });
    expect(again('t1')).toMatchObject({ code: 'not_in_match' });
    expect(again('t3', { by: ' ' })).toMatchObject({ code: 'bad_by' });
    expect(again('t3', { score: { home: 21, away: 10 } })).toMatchObject({ code: 'bad_score' });
    expect(again(match(played.state, 'W1-2').winner ?? '')).toMatchObject({ code: 'same_result' });
  });
});
