// Who plays: check-in before the start (and the start with those not checked in refused, or
// leaving them out when asked), late entries into an unplayed bye or a pool's free seat, and
// withdrawals, whose remaining matches are forfeited to the opponents.
import { describe, expect, it } from 'vitest';
import { previewEntry, type TeamEntry } from '../../../../server/domain/tournament/index.js';
import {
  at,
  given,
  inBracket,
  match,
  pairing,
  play,
  playOut,
  result,
  teams,
  when,
  type Log,
} from './given.js';
import { eventOf, eventsOf, onBoards, players } from './night-given.js';

const start = { type: 'start' } as const;
const checkIn = (entrant: string) => ({ type: 'check_in', entrant }) as const;
const late: TeamEntry = { id: 'late', name: 'Late Comers', players: ['Ann', 'Bo'] };
const enter = (team: TeamEntry = late) => ({ type: 'enter_team', team }) as const;

describe('check-in', () => {
  it('checks teams in and out before the start; unknown, twice and after the start are refused', () => {
    const log = given({ teams: teams(4) }, checkIn('t1'), checkIn('t3'));
    expect(log.state.checkedIn).toEqual(['t1', 't3']);
    expect(play(log, { type: 'check_out', entrant: 't1' }).state.checkedIn).toEqual(['t3']);
    expect(when(log, checkIn('t1'))).toMatchObject({ ok: false, code: 'already_checked_in' });
    expect(when(log, { type: 'check_out', entrant: 't2' })).toMatchObject({
      ok: false,
      code: 'not_checked_in',
    });
    expect(when(log, checkIn('t9'))).toMatchObject({ ok: false, code: 'unknown_entrant' });
    const live = given({ teams: teams(4) }, start);
    expect(when(live, checkIn('t1'))).toMatchObject({ ok: false, code: 'already_started' });
  });

  it('refuses to start while some have not checked in, naming them, and changes nothing', () => {
    const log = given({ teams: teams(4) }, checkIn('t1'), checkIn('t2'), checkIn('t3'));
    const refused = when(log, start);
    expect(refused).toMatchObject({ ok: false, code: 'unchecked_entrants' });
    expect(!refused.ok && refused.message).toContain('Team 4');
    expect(log.state.status).toBe('setup');
  });

  it('starts without those not checked in when asked: they leave before the draw', () => {
    const log = given({ teams: teams(5) }, checkIn('t1'), checkIn('t2'), checkIn('t4'), checkIn('t5'));
    const decision = when(log, { type: 'start', dropUnchecked: true });
    expect(eventOf(decision, 'entrants_dropped')).toEqual({
      type: 'entrants_dropped',
      entrants: ['t3'],
      at: at(5),
    });
    const live = play(log, { type: 'start', dropUnchecked: true });
    expect(live.state.teams.map((t) => t.id)).toEqual(['t1', 't2', 't4', 't5']);
    expect(inBracket(live.state, 'winners', 1).map(pairing)).toEqual(['t1-t5', 't2-t4']);
  });

  it('refuses a start that would leave too few', () => {
    const log = given({ teams: teams(4) }, checkIn('t1'));
    expect(when(log, { type: 'start', dropUnchecked: true })).toMatchObject({
      ok: false,
      code: 'too_few_checked_in',
    });
  });

  it('starts as before when nobody checked in: check-in is not in use', () => {
    const decision = when(given({ teams: teams(4) }), start);
    expect(decision.ok && decision.events.map((e) => e.type)).toEqual([
      'tournament_started',
      'match_called',
      'match_called',
    ]);
  });

  it('checks players in where teams are drawn, and draws only those checked in', () => {
    const ids = players(6).map((p) => p.id);
    const log = given(
      { teams: [], players: players(6), options: { seed: 1, draw: 'blind' } },
      ...ids.slice(0, 4).map(checkIn),
    );
    const live = play(log, { type: 'start', dropUnchecked: true });
    expect(live.state.players.map((p) => p.id)).toEqual(ids.slice(0, 4));
    expect(live.state.teams.flatMap((t) => t.members ?? []).sort()).toEqual(ids.slice(0, 4));
  });
});

describe('late entry', () => {
  it('before the start, simply enters the team', () => {
    const log = play(given({ teams: teams(3) }), enter());
    expect(log.state.teams.map((t) => t.id)).toEqual(['t1', 't2', 't3', 'late']);
  });

  it('takes the bye of the next seed: with 6 teams, seed 7’s slot against seed 2', () => {
    const log = given({ teams: teams(6), boards: [1, 2, 3] }, start);
    expect(match(log.state, 'W2-2')).toMatchObject({ home: 't2', away: null, status: 'pending' });
    const decision = when(log, enter());
    expect(eventOf(decision, 'team_entered')).toMatchObject({
      slot: { match: 'W1-3', side: 'away' },
      plan: [],
      voids: ['W2-2'],
    });
    const next = play(log, enter());
    expect(match(next.state, 'W1-3')).toMatchObject({ home: 't2', away: 'late', status: 'called', board: 3 });
    expect(match(next.state, 'W2-2')).toMatchObject({ home: null, away: null, status: 'pending' });
    expect(next.state.seeds).toEqual([...teams(6).map((t) => t.id), 'late']);
    // It plays through like any team.
    const end = playOut(next, (m) =>
      m.away === 'late' || m.home === 'late' ? (m.home === 'late' ? 'home' : 'away') : 'home',
    );
    expect(end.state.champion).toBe('late');
  });

  it('takes another bye when the next seed’s has been played through, and none once all have', () => {
    let log = given({ teams: teams(6), boards: [1, 2, 3] }, start);
    log = play(log, result(log.state, 'W1-4', 'home'));
    log = play(log, { type: 'start_match', match: 'W2-2' });
    // t2's bye is played through (W2-2 is under way): the next open bye is seed 8's, against t1.
    expect(eventOf(when(log, enter()), 'team_entered').slot).toEqual({ match: 'W1-1', side: 'away' });
    log = play(log, result(log.state, 'W1-2', 'home'), { type: 'start_match', match: 'W2-1' });
    expect(when(log, enter())).toMatchObject({ ok: false, code: 'no_open_slot' });
  });

  it('in a double elimination also reopens the losers’ match the bye had decided', () => {
    const started = given({ format: 'double', teams: teams(7), boards: [1, 2] }, start);
    // W1-2's loser passes L1-1 by the bye W1-1 gave, on to L2-1.
    const log = play(started, result(started.state, 'W1-2', 'home'));
    expect(match(log.state, 'L1-1')).toMatchObject({ status: 'done', decidedBy: 'bye', winner: 't5' });
    expect(match(log.state, 'L2-1')).toMatchObject({ away: 't5' });
    const entered = eventOf(when(log, enter()), 'team_entered');
    expect(entered.slot).toEqual({ match: 'W1-1', side: 'away' });
    expect(entered.voids).toEqual(['W2-1', 'L1-1', 'L2-1']);
    const next = play(log, enter());
    expect(match(next.state, 'L1-1')).toMatchObject({
      status: 'pending',
      decidedBy: null,
      home: null,
      away: 't5',
    });
    expect(match(next.state, 'L2-1')).toMatchObject({ away: null });
  });

  it('takes the free seat of a round robin with an odd number of teams: the team sitting out each round', () => {
    const log = given({ format: 'round-robin', teams: teams(5) }, start);
    const entered = eventOf(when(log, enter()), 'team_entered');
    expect(entered.plan.map((p) => p.id)).toEqual(['A1-3', 'A2-3', 'A3-3', 'A4-3', 'A5-3']);
    const next = play(log, enter());
    const pairs = new Set(next.state.matches.map((m) => [m.home, m.away].sort().join('-')));
    expect(pairs.size).toBe(15);
    for (let r = 1; r <= 5; r++) {
      const inRound = next.state.matches.filter((m) => m.round === r).flatMap((m) => [m.home, m.away]);
      expect(new Set(inRound).size).toBe(6);
    }
    expect(when(next, enter({ id: 'x', name: 'Seventh', players: [] }))).toMatchObject({
      code: 'no_open_slot',
    });
  });

  it('takes the free seat of the first pool below its size, reopening nothing played', () => {
    const log = given(
      {
        format: 'pools',
        teams: teams(10),
        boards: [1, 2],
        options: { seed: 1, pools: { size: 4, advance: 2 } },
      },
      start,
    );
    const next = play(log, enter());
    expect(next.state.pools.map((p) => p.teams.length)).toEqual([4, 3, 4]);
    expect(next.state.pools[0]?.teams).toContain('late');
    expect(inBracket(next.state, 'A')).toHaveLength(6);
  });

  it('refuses a bad team, a team already in, and a draw tournament’s team in setup', () => {
    const log = given({ teams: teams(4) }, start);
    expect(when(log, enter({ id: '', name: 'X', players: [] }))).toMatchObject({ code: 'bad_team' });
    expect(when(log, enter({ id: 'x', name: 'team 1', players: [] }))).toMatchObject({
      code: 'duplicate_team',
    });
    expect(when(log, enter())).toMatchObject({ code: 'no_open_slot' });
    const draw = given({ teams: [], players: players(4), options: { seed: 1, draw: 'blind' } });
    expect(when(draw, enter())).toMatchObject({ code: 'draw_tournament' });
  });
});

describe('late entry preview', () => {
  const ctxOf = (log: Log, expectedVersion?: number) => ({ at: at(log.events.length), expectedVersion });

  it('says which bye it takes, whom it meets, what it voids and calls, and changes nothing', () => {
    const log = given({ teams: teams(6), boards: [1, 2, 3] }, start);
    const before = JSON.stringify(log.state);
    const preview = previewEntry(log.state, late, ctxOf(log));
    expect(JSON.stringify(log.state)).toBe(before);
    if (!preview.ok) expect.fail(preview.message);
    expect(preview).toMatchObject({
      team: late,
      slot: { match: 'W1-3', side: 'away' },
      matches: [{ match: 'W1-3', opponent: 't2' }],
      voids: ['W2-2'],
      calls: [{ match: 'W1-3', board: 3 }],
    });
    // The preview is the write's own answer: the same event, the same state after it.
    const decision = when(log, enter());
    expect(eventOf(decision, 'team_entered')).toMatchObject({ slot: preview.slot, voids: preview.voids });
    expect(eventsOf(decision).filter((e) => e.type === 'match_called')).toMatchObject(preview.calls);
    expect(preview.after).toEqual(play(log, enter()).state);
  });

  it('says the free seat’s matches in a round robin, against the team sitting each round out', () => {
    const log = given({ format: 'round-robin', teams: teams(5) }, start);
    const preview = previewEntry(log.state, late, ctxOf(log));
    if (!preview.ok) expect.fail(preview.message);
    const sitters = [1, 2, 3, 4, 5].map((r) => {
      const busy = new Set(inBracket(log.state, 'A', r).flatMap((m) => [m.home, m.away]));
      return teams(5).find((t) => !busy.has(t.id))!.id;
    });
    expect(preview.slot).toBeNull();
    expect(preview.matches).toEqual(
      ['A1-3', 'A2-3', 'A3-3', 'A4-3', 'A5-3'].map((match, i) => ({ match, opponent: sitters[i] })),
    );
    expect(preview.voids).toEqual(eventOf(when(log, enter()), 'team_entered').voids);
    expect(preview.after).toEqual(play(log, enter()).state);
  });

  it('refuses as the entry would: no open slot, a stale version, a bad team; nothing changes', () => {
    let log = given({ teams: teams(6), boards: [1, 2, 3] }, start);
    log = play(log, result(log.state, 'W1-4', 'home'), { type: 'start_match', match: 'W2-2' });
    log = play(log, result(log.state, 'W1-2', 'home'), { type: 'start_match', match: 'W2-1' });
    const before = JSON.stringify(log.state);
    expect(previewEntry(log.state, late, ctxOf(log))).toMatchObject({ ok: false, code: 'no_open_slot' });
    expect(when(log, enter())).toMatchObject({ ok: false, code: 'no_open_slot' });
    const fresh = given({ teams: teams(6) }, start);
    expect(previewEntry(fresh.state, late, ctxOf(fresh, 0))).toMatchObject({ code: 'version_conflict' });
    const noName = { id: 'x', name: ' ', players: [] };
    expect(previewEntry(fresh.state, noName, ctxOf(fresh))).toMatchObject({ code: 'bad_team' });
    expect(JSON.stringify(log.state)).toBe(before);
  });
});

describe('withdrawal', () => {
  it('forfeits the team’s called match to its opponent, freeing the board for the next', () => {
    const log = given({ teams: teams(8), boards: [1, 2] }, start);
    const next = play(log, { type: 'withdraw', team: 't1' });
    expect(match(next.state, 'W1-1')).toMatchObject({
      status: 'done',
      decidedBy: 'forfeit',
      winner: 't8',
      loser: 't1',
      score: null,
      finishedAt: at(2 + 2),
    });
    expect(onBoards(next.state)).toEqual(['W1-2@2', 'W1-3@1']);
    expect(next.state.standings.find((s) => s.team === 't1')).toMatchObject({ eliminated: true, losses: 1 });
  });

  it('forfeits a match still waiting for its opponent as soon as the opponent is known', () => {
    let log = given({ teams: teams(4) }, start);
    log = play(log, result(log.state, 'W1-1', 'home'), { type: 'withdraw', team: 't1' });
    expect(match(log.state, 'W2-1')).toMatchObject({ home: 't1', away: null, status: 'pending' });
    log = play(log, result(log.state, 'W1-2', 'home'));
    expect(match(log.state, 'W2-1')).toMatchObject({ status: 'done', decidedBy: 'forfeit', winner: 't2' });
    expect(log.state).toMatchObject({ status: 'final', champion: 't2' });
  });

  it('in a double elimination forfeits its matches in both brackets', () => {
    const end = playOut(
      play(given({ format: 'double', teams: teams(4) }, start), { type: 'withdraw', team: 't4' }),
    );
    const t4 = end.state.matches.filter((m) => m.home === 't4' || m.away === 't4');
    expect(t4.map((m) => [m.id, m.decidedBy, m.loser])).toEqual([
      ['W1-1', 'forfeit', 't4'],
      ['L1-1', 'forfeit', 't4'],
    ]);
  });

  it('in a round robin forfeits every match left at once; they count as losses', () => {
    const log = play(given({ format: 'round-robin', teams: teams(4) }, start), {
      type: 'withdraw',
      team: 't2',
    });
    const t2 = log.state.matches.filter((m) => m.home === 't2' || m.away === 't2');
    expect(t2.every((m) => m.decidedBy === 'forfeit' && m.loser === 't2')).toBe(true);
    expect(log.state.standings.at(-1)).toMatchObject({ team: 't2', played: 3, losses: 3, pointsFor: 0 });
  });

  it('refuses an unknown team, a second withdrawal and one before the start', () => {
    const log = play(given({ teams: teams(4) }, start), { type: 'withdraw', team: 't1' });
    expect(when(log, { type: 'withdraw', team: 't1' })).toMatchObject({ code: 'already_withdrawn' });
    expect(when(log, { type: 'withdraw', team: 'zz' })).toMatchObject({ code: 'unknown_team' });
    expect(when(given({ teams: teams(4) }), { type: 'withdraw', team: 't1' })).toMatchObject({
      code: 'not_started',
    });
  });
});
