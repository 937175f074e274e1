// The no-show clock (a pure function of the time) and the forfeit the organiser confirms; a forfeit
// taken back while nothing it decided has been played on.
import { describe, expect, it } from 'vitest';
import { decide, noShowDeadline, noShowDue, noShows } from '../../../../server/domain/tournament/index.js';
import { at, createCommand, given, match, play, result, teams, when } from './given.js';
import { eventOf, onBoards } from './night-given.js';

const start = { type: 'start' } as const;
const clocked = (minutes = 5) =>
  given({ teams: teams(4), boards: [1], options: { seed: 1, noShowMinutes: minutes } }, start);
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe('the no-show clock', () => {
  it('runs from the call until the game starts', () => {
    const log = clocked(5);
    const m = match(log.state, 'W1-1');
    expect(m.calledAt).toBe(at(1));
    expect(noShowDeadline(log.state, m)).toBe(plus(at(1), 5 * 60_000));
    expect(noShowDue(log.state, m, plus(at(1), 5 * 60_000 - 1))).toBe(false);
    expect(noShowDue(log.state, m, plus(at(1), 5 * 60_000))).toBe(true);
    expect(noShows(log.state, plus(at(1), 6 * 60_000)).map((x) => x.id)).toEqual(['W1-1']);
    const started = play(log, { type: 'start_match', match: 'W1-1' });
    expect(noShowDeadline(started.state, match(started.state, 'W1-1'))).toBeNull();
  });

  it('has no deadline without the option, or for a match not called', () => {
    const plain = given({ teams: teams(4), boards: [1] }, start);
    expect(noShowDeadline(plain.state, match(plain.state, 'W1-1'))).toBeNull();
    const log = clocked();
    expect(noShowDeadline(log.state, match(log.state, 'W1-2'))).toBeNull();
  });

  it('refuses a clock that is not a whole number of minutes from 1 to 120', () => {
    for (const noShowMinutes of [0, 2.5, 121]) {
      const decision = decide(createCommand({ options: { seed: 1, noShowMinutes } }), null, { at: at(0) });
      expect(decision).toMatchObject({ ok: false, code: 'bad_options' });
    }
  });
});

describe('forfeit', () => {
  it('gives the match to the team that showed up and calls the next one to the board', () => {
    const log = clocked();
    const decision = when(log, { type: 'forfeit', match: 'W1-1', winner: 't4' });
    expect(eventOf(decision, 'match_forfeited')).toEqual({
      type: 'match_forfeited',
      match: 'W1-1',
      winner: 't4',
      at: at(log.events.length),
    });
    const next = play(log, { type: 'forfeit', match: 'W1-1', winner: 't4' });
    expect(match(next.state, 'W1-1')).toMatchObject({
      status: 'done',
      decidedBy: 'forfeit',
      winner: 't4',
      loser: 't1',
      board: 1,
    });
    expect(onBoards(next.state)).toEqual(['W1-2@1']);
    expect(match(next.state, 'W2-1').home).toBe('t4');
  });

  it('refuses a game under way, a decided match, a match waiting for teams and a team not in it', () => {
    const log = play(clocked(), { type: 'start_match', match: 'W1-1' });
    expect(when(log, { type: 'forfeit', match: 'W1-1', winner: 't1' })).toMatchObject({ code: 'match_live' });
    expect(when(log, { type: 'forfeit', match: 'W2-1', winner: 't1' })).toMatchObject({
      code: 'match_not_ready',
    });
    expect(when(log, { type: 'forfeit', match: 'W1-2', winner: 't1' })).toMatchObject({
      code: 'not_in_match',
    });
    const done = play(log, result(log.state, 'W1-1', 'home'));
    expect(when(done, { type: 'forfeit', match: 'W1-1', winner: 't1' })).toMatchObject({
      code: 'match_done',
    });
  });

  it('is taken back while its winner has not played on: the match is called again', () => {
    const log = play(clocked(), { type: 'forfeit', match: 'W1-1', winner: 't4' });
    const undo = eventOf(when(log, { type: 'undo_forfeit', match: 'W1-1' }), 'forfeit_undone');
    expect(undo.voids).toEqual(['W2-1']);
    const back = play(log, { type: 'undo_forfeit', match: 'W1-1' });
    expect(match(back.state, 'W1-1')).toMatchObject({
      status: 'ready',
      winner: null,
      decidedBy: null,
      board: null,
    });
    expect(match(back.state, 'W2-1').home).toBeNull();
    // W1-2 keeps the one board; W1-1 waits for it.
    expect(onBoards(back.state)).toEqual(['W1-2@1']);
  });

  it('is not taken back once its winner has played on, nor a withdrawal’s', () => {
    let log = play(clocked(), { type: 'forfeit', match: 'W1-1', winner: 't4' });
    log = play(log, result(log.state, 'W1-2', 'home'), { type: 'start_match', match: 'W2-1' });
    expect(when(log, { type: 'undo_forfeit', match: 'W1-1' })).toMatchObject({
      ok: false,
      code: 'played_on',
    });
    const withdrawn = play(clocked(), { type: 'withdraw', team: 't1' });
    expect(when(withdrawn, { type: 'undo_forfeit', match: 'W1-1' })).toMatchObject({ code: 'not_forfeited' });
    expect(when(withdrawn, { type: 'undo_forfeit', match: 'W1-2' })).toMatchObject({ code: 'not_forfeited' });
  });
});
