// Board calls: the calling order, free boards (held and busy ones left out), a team never on two
// boards, calls by hand, reassigning, holding and releasing, linking and starting games, results
// and their refusals.
import { describe, expect, it } from 'vitest';
import { decide, evolve } from '../../../../server/domain/tournament/index.js';
import { at, created, given, match, play, playOut, result, teams, when } from './given.js';

const start = { type: 'start' } as const;
const calledTo = (log: ReturnType<typeof given>) =>
  log.state.matches
    .filter((m) => m.status === 'called' || m.status === 'live')
    .map((m) => `${m.id}@${m.board}`);

describe('calling order', () => {
  it('a freed board gets the next ready match at once, winners before losers at equal depth', () => {
    const log = given({ format: 'double', teams: teams(8), boards: [1, 2, 3, 4] }, start);
    const one = play(log, result(log.state, 'W1-1', 'home'));
    expect(calledTo(one)).toEqual(['W1-2@2', 'W1-3@3', 'W1-4@4']);
    const n = one.events.length;
    expect(when(one, result(one.state, 'W1-2', 'home'))).toEqual({
      ok: true,
      events: [
        {
          type: 'match_result',
          match: 'W1-2',
          winner: 't4',
          score: { home: 21, away: 10 },
          gameId: null,
          at: at(n),
        },
        { type: 'match_called', match: 'W2-1', board: 1, manual: false, at: at(n) },
        { type: 'match_called', match: 'L1-1', board: 2, manual: false, at: at(n) },
      ],
    });
  });

  it('earliest depth first: on one board the first round is finished before the second starts', () => {
    const log = given({ teams: teams(8), boards: [5] }, start);
    const next = play(log, result(log.state, 'W1-1', 'home'), result(log.state, 'W1-2', 'home'));
    expect(match(next.state, 'W2-1').status).toBe('ready');
    expect(calledTo(next)).toEqual(['W1-3@5']);
  });

  it('by depth across brackets: on one board, the losers first round goes before the winners final', () => {
    const end = playOut(given({ format: 'double', teams: teams(8), boards: [1] }, start));
    const calls = end.events.flatMap((e) => (e.type === 'match_called' ? [e.match] : []));
    expect(calls).toEqual([
      'W1-1',
      'W1-2',
      'W1-3',
      'W1-4',
      'W2-1',
      'W2-2',
      'L1-1',
      'L1-2',
      'W3-1',
      'L2-1',
      'L2-2',
      'L3-1',
      'L4-1',
      'F1',
    ]);
  });

  it('never calls a team to two boards: a round-robin match waits while one of its teams plays', () => {
    const log = given({ format: 'round-robin', teams: teams(4), boards: [1, 2, 3, 4] }, start);
    expect(calledTo(log)).toEqual(['A1-1@1', 'A1-2@2']);
    const one = play(log, result(log.state, 'A1-1', 'home'));
    expect(calledTo(one)).toEqual(['A1-2@2']);
    const two = play(one, result(one.state, 'A1-2', 'home'));
    expect(calledTo(two)).toEqual(['A2-1@1', 'A2-2@2']);
  });

  it('with autoCall off, nothing is called until the organiser says call', () => {
    const log = given({ teams: teams(4), options: { seed: 1, autoCall: false } });
    const started = when(log, start);
    expect(started.ok && started.events.map((e) => e.type)).toEqual(['tournament_started']);
    const live = play(log, start);
    expect(when(live, { type: 'call' })).toMatchObject({
      ok: true,
      events: [
        { type: 'match_called', match: 'W1-1', board: 1 },
        { type: 'match_called', match: 'W1-2', board: 2 },
      ],
    });
    const full = play(live, { type: 'call' });
    expect(when(full, { type: 'call' })).toMatchObject({ ok: false, code: 'nothing_to_call' });
  });

  it('refuses board commands on matches before the start', () => {
    const log = given({});
    expect(when(log, { type: 'call' })).toMatchObject({ ok: false, code: 'not_started' });
    expect(when(play(log, start), start)).toMatchObject({ ok: false, code: 'already_started' });
  });
});

describe('held boards', () => {
  it('are left out of the calls, from setup on; a release calls to the board at once', () => {
    const log = given({ teams: teams(8), boards: [1, 2, 3] }, { type: 'hold_board', board: 1 }, start);
    expect(log.state.held).toEqual([1]);
    expect(calledTo(log)).toEqual(['W1-1@2', 'W1-2@3']);
    expect(when(log, { type: 'release_board', board: 1 })).toMatchObject({
      ok: true,
      events: [
        { type: 'board_released', board: 1 },
        { type: 'match_called', match: 'W1-3', board: 1, manual: false },
      ],
    });
  });

  it('a busy board may be held: its match goes on, then nothing new comes to it', () => {
    const log = given({ teams: teams(4), boards: [1, 2] }, start, { type: 'hold_board', board: 1 });
    expect(calledTo(log)).toEqual(['W1-1@1', 'W1-2@2']);
    const next = play(log, result(log.state, 'W1-1', 'home'), result(log.state, 'W1-2', 'home'));
    expect(calledTo(next)).toEqual(['W2-1@2']);
  });

  it('refuses holding twice, releasing a free board and unknown boards', () => {
    const log = given({ boards: [1, 2] }, { type: 'hold_board', board: 2 });
    expect(when(log, { type: 'hold_board', board: 2 })).toMatchObject({ ok: false, code: 'board_held' });
    expect(when(log, { type: 'release_board', board: 1 })).toMatchObject({
      ok: false,
      code: 'board_not_held',
    });
    expect(when(log, { type: 'hold_board', board: 9 })).toMatchObject({ ok: false, code: 'unknown_board' });
  });
});

describe('calls by hand and reassigning', () => {
  const robin = () =>
    given(
      { format: 'round-robin', teams: teams(4), boards: [1, 2, 3], options: { seed: 1, autoCall: false } },
      start,
    );

  it('calls a ready match to a chosen board, also a held one', () => {
    const log = play(robin(), { type: 'hold_board', board: 3 });
    expect(when(log, { type: 'call_match', match: 'A2-1', board: 3 })).toEqual({
      ok: true,
      events: [{ type: 'match_called', match: 'A2-1', board: 3, manual: true, at: at(log.events.length) }],
    });
  });

  it('refuses a team already on a board, a busy board, a called match and an unknown one', () => {
    const log = play(robin(), { type: 'call_match', match: 'A1-1', board: 1 });
    const call = (m: string, board: number) => when(log, { type: 'call_match', match: m, board });
    expect(call('A2-1', 2)).toMatchObject({ ok: false, code: 'team_busy' });
    expect(call('A1-2', 1)).toMatchObject({ ok: false, code: 'board_busy' });
    expect(call('A1-1', 2)).toMatchObject({ ok: false, code: 'match_live' });
    expect(call('Z9-9', 2)).toMatchObject({ ok: false, code: 'unknown_match' });
    expect(call('A1-2', 7)).toMatchObject({ ok: false, code: 'unknown_board' });
  });

  it('refuses a match still waiting for its teams', () => {
    const log = given({ teams: teams(4), options: { seed: 1, autoCall: false } }, start);
    expect(when(log, { type: 'call_match', match: 'W2-1', board: 1 })).toMatchObject({
      ok: false,
      code: 'match_not_ready',
    });
  });

  it('moves a called match to another board; the board it leaves gets the next match', () => {
    const log = given({ teams: teams(8), boards: [1, 2, 3] }, start);
    expect(calledTo(log)).toEqual(['W1-1@1', 'W1-2@2', 'W1-3@3']);
    const held = play(log, { type: 'hold_board', board: 3 }, result(log.state, 'W1-3', 'home'));
    expect(when(held, { type: 'reassign', match: 'W1-1', board: 3 })).toMatchObject({
      ok: true,
      events: [
        { type: 'match_reassigned', match: 'W1-1', from: 1, board: 3 },
        { type: 'match_called', match: 'W1-4', board: 1, manual: false },
      ],
    });
  });

  it('refuses to move a match not called, one being played, or onto a busy board', () => {
    const log = given({ teams: teams(8), boards: [1, 2, 3] }, start, { type: 'start_match', match: 'W1-2' });
    const move = (m: string, board: number) => when(log, { type: 'reassign', match: m, board });
    expect(move('W1-4', 1)).toMatchObject({ ok: false, code: 'match_not_called' });
    expect(move('W1-2', 1)).toMatchObject({ ok: false, code: 'match_live' });
    expect(move('W1-1', 2)).toMatchObject({ ok: false, code: 'board_busy' });
  });
});

describe('games and results', () => {
  const live = () =>
    given(
      { teams: teams(4) },
      start,
      { type: 'link_game', match: 'W1-1', gameId: 'g1' },
      { type: 'start_match', match: 'W1-1' },
    );

  it('links a called match to its game and marks it live when the game starts', () => {
    const log = live();
    expect(match(log.state, 'W1-1')).toMatchObject({
      status: 'live',
      gameId: 'g1',
      board: 1,
      startedAt: at(5),
    });
    expect(when(log, { type: 'link_game', match: 'W1-1', gameId: 'g2' })).toMatchObject({
      ok: false,
      code: 'already_linked',
    });
    expect(when(log, { type: 'start_match', match: 'W1-1' })).toMatchObject({
      ok: false,
      code: 'match_live',
    });
  });

  it('takes the result once, from its own game: a second one is match_done', () => {
    const log = live();
    const from = (gameId: string) => ({ ...result(log.state, 'W1-1', 'away'), gameId });
    expect(when(log, from('g9'))).toMatchObject({ ok: false, code: 'wrong_game' });
    const done = play(log, from('g1'));
    expect(match(done.state, 'W1-1')).toMatchObject({ status: 'done', winner: 't4', gameId: 'g1' });
    expect(when(done, from('g1'))).toMatchObject({ ok: false, code: 'match_done' });
  });

  it('refuses a winner not in the match and impossible scores', () => {
    const log = live();
    const base = { type: 'record_result', match: 'W1-1', winner: 't1' } as const;
    expect(when(log, { ...base, winner: 't2', score: { home: 21, away: 3 } })).toMatchObject({
      code: 'not_in_match',
    });
    for (const score of [
      { home: 10, away: 21 },
      { home: 21, away: 21 },
      { home: 21, away: -1 },
      { home: 21.5, away: 3 },
    ]) {
      expect(when(log, { ...base, score })).toMatchObject({ ok: false, code: 'bad_score' });
    }
  });

  it('refuses a result for a match still waiting for its teams', () => {
    const log = live();
    expect(
      when(log, { type: 'record_result', match: 'W2-1', winner: 't1', score: { home: 21, away: 0 } }),
    ).toMatchObject({ ok: false, code: 'match_not_ready' });
  });

  it('a command refused changes nothing: the same state comes back', () => {
    const log = live();
    const before = JSON.stringify(log.state);
    when(log, { type: 'reassign', match: 'W1-1', board: 2 });
    expect(JSON.stringify(log.state)).toBe(before);
  });
});

describe('boards the venue uses for something else', () => {
  const occupied = [2];
  const decideWith = (log: ReturnType<typeof given>, command: Parameters<typeof when>[1]) =>
    decide(command, log.state, { at: at(log.events.length), occupied });

  it('are skipped by the calls a start makes, and a later call fills them once free', () => {
    const log = created({ teams: teams(8), boards: [1, 2, 3] });
    const started = decideWith(log, start);
    if (!started.ok) expect.fail(started.code);
    const calls = started.events.flatMap((e) => (e.type === 'match_called' ? [`${e.match}@${e.board}`] : []));
    expect(calls).toEqual(['W1-1@1', 'W1-2@3']);
    const state = started.events.reduce(evolve, log.state);
    const later = decide({ type: 'call' }, state, { at: at(9) });
    expect(later.ok && later.events.map((e) => (e.type === 'match_called' ? e.board : null))).toEqual([2]);
  });

  it('refuse a call by hand with board_busy', () => {
    const log = play(
      created({ teams: teams(4), boards: [1, 2], options: { seed: 7, autoCall: false } }),
      start,
    );
    const refused = decideWith(log, { type: 'call_match', match: 'W1-1', board: 2 });
    expect(refused).toMatchObject({ ok: false, code: 'board_busy' });
  });
});
