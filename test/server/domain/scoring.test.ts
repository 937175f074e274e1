// Scoring rules through the whole engine: cancellation, straight scoring, bust, skunk, win by two,
// who throws first, and a game ending only when a round closes.
import { describe, expect, it } from 'vitest';
import { bags, given, play, round } from './given.js';

describe('cancellation scoring (default)', () => {
  it('gives the difference to the side with more points: 7 against 5 scores 2', () => {
    const { state } = given({}, round([2, 1], [1, 2]));
    expect([state.home.score, state.away.score]).toEqual([2, 0]);
    expect(state.rounds[0]).toMatchObject({
      number: 1,
      home: { hole: 2, board: 1, miss: 1, points: 7 },
      away: { hole: 1, board: 2, miss: 1, points: 5 },
      scored: 'home',
      net: 2,
      homeScore: 2,
      awayScore: 0,
    });
  });

  it('scores four on the board against two on as 2', () => {
    const { state } = given({}, round([0, 4], [0, 2]));
    expect([state.home.score, state.away.score]).toEqual([2, 0]);
  });

  it('scores four in the hole against two in and one on as 5', () => {
    const { state } = given({}, round([4, 0], [2, 1]));
    expect([state.home.score, state.away.score]).toEqual([5, 0]);
  });

  it('scores nothing on a wash', () => {
    const { state } = given({}, round([1, 1], [1, 1]));
    expect([state.home.score, state.away.score]).toEqual([0, 0]);
    expect(state.rounds[0]).toMatchObject({ scored: null, net: 0 });
  });

  it('lets the away side score too', () => {
    const { state } = given({}, round([0, 1], [1, 0]));
    expect([state.home.score, state.away.score]).toEqual([0, 2]);
    expect(state.rounds[0]?.scored).toBe('away');
  });

  it('wins with 22 from 19 + 3 when there is no bust (target or more)', () => {
    const at19 = given({}, round([4, 0], [0, 0]), round([2, 1], [0, 0]));
    expect(at19.state).toMatchObject({ status: 'live', home: { score: 19 } });
    const { state } = play(at19, round([1, 0], [0, 0]));
    expect(state).toMatchObject({ status: 'final', winner: 'home', home: { score: 22 } });
  });

  it('never ends a game mid-round: a bag past the target waits for the round to close', () => {
    const at19 = given({}, round([4, 0], [0, 0]), round([2, 1], [0, 0]));
    const midRound = play(at19, ...bags('home', 'hhhh'));
    expect(midRound.state).toMatchObject({ status: 'live', winner: null, home: { score: 19 } });
    const { state } = play(midRound, ...bags('away', 'mmmm'));
    expect(state).toMatchObject({ status: 'final', winner: 'home', home: { score: 31 } });
  });
});

describe('straight scoring (cancellation off)', () => {
  const straight = { rules: { cancellation: false } };

  it('lets both sides keep their points', () => {
    const { state } = given(straight, round([2, 1], [1, 2]));
    expect([state.home.score, state.away.score]).toEqual([7, 5]);
    expect(state.rounds[0]).toMatchObject({ scored: 'home', net: 2 });
  });

  it('gives the win to the higher score when both pass the target in one round', () => {
    const at18to19 = given(straight, round([4, 0], [4, 0]), round([2, 0], [2, 1]));
    expect([at18to19.state.home.score, at18to19.state.away.score]).toEqual([18, 19]);
    const { state } = play(at18to19, round([2, 1], [1, 0]));
    expect([state.home.score, state.away.score]).toEqual([25, 22]);
    expect(state).toMatchObject({ status: 'final', winner: 'home' });
  });

  it('plays on when both pass the target with the same score, then the leader wins', () => {
    const tied = given(straight, round([4, 0], [4, 0]), round([2, 0], [2, 1]), round([1, 1], [1, 0]));
    expect(tied.state).toMatchObject({
      status: 'live',
      winner: null,
      home: { score: 22 },
      away: { score: 22 },
    });
    const { state } = play(tied, round([0, 0], [0, 1]));
    expect(state).toMatchObject({ status: 'final', winner: 'away', away: { score: 23 } });
  });
});

describe('bust', () => {
  const at19 = (rules: object) => given({ rules }, round([4, 0], [0, 0]), round([2, 1], [0, 0]));

  it('drops a side that passes the target back to the bust score', () => {
    const { state } = play(at19({ bust: 15 }), round([1, 0], [0, 0]));
    expect(state).toMatchObject({ status: 'live', winner: null, home: { score: 15 } });
    expect(state.rounds[2]).toMatchObject({ net: 3, homeScore: 15 });
  });

  it('wins on exactly the target', () => {
    const { state } = play(at19({ bust: 15 }), round([0, 2], [0, 0]));
    expect(state).toMatchObject({ status: 'final', winner: 'home', home: { score: 21 } });
  });

  it('counts after cancellation: 19 plus a net 2 is exactly 21', () => {
    const { state } = play(at19({ bust: 15 }), round([1, 1], [0, 2]));
    expect(state).toMatchObject({ status: 'final', winner: 'home', home: { score: 21 } });
  });

  it('busts each side on its own under straight scoring', () => {
    const game = given(
      { rules: { bust: 10, cancellation: false } },
      round([4, 0], [3, 0]),
      round([2, 1], [1, 0]),
      round([1, 0], [3, 0]),
    );
    // home 12+7 = 19 then +3 = 22 > 21 -> 10; away 9+3 = 12 then +9 = 21 exactly.
    expect([game.state.home.score, game.state.away.score]).toEqual([10, 21]);
    expect(game.state.winner).toBe('away');
  });
});

describe('skunk', () => {
  it('wins at once at the skunk score while the other side has 0', () => {
    const { state } = given({ rules: { skunk: 11 } }, round([4, 0], [0, 0]));
    expect(state).toMatchObject({ status: 'final', winner: 'home', home: { score: 12 }, away: { score: 0 } });
  });

  it('does not end the game without the skunk rule', () => {
    const { state } = given({}, round([4, 0], [0, 0]));
    expect(state).toMatchObject({ status: 'live', winner: null });
  });

  it('does not end the game once the other side has points', () => {
    const { state } = given({ rules: { skunk: 11 } }, round([0, 0], [0, 1]), round([4, 0], [0, 0]));
    expect([state.home.score, state.away.score]).toEqual([12, 1]);
    expect(state.status).toBe('live');
  });

  it('wins for the away side too', () => {
    const { state } = given({ rules: { skunk: 7 } }, round([0, 0], [2, 1]));
    expect(state).toMatchObject({ status: 'final', winner: 'away' });
  });
});

describe('win by two', () => {
  // 12-0, 12-12, 20-12, 20-20, then one point to 21-20.
  const at21to20 = (rules: object) =>
    given(
      { rules },
      round([4, 0], [0, 0]),
      round([0, 0], [4, 0]),
      round([2, 2], [0, 0]),
      round([0, 0], [2, 2]),
      round([0, 1], [0, 0]),
    );

  it('keeps playing at the target without a lead of two', () => {
    const { state } = at21to20({ winBy: 2 });
    expect(state).toMatchObject({ status: 'live', winner: null, home: { score: 21 }, away: { score: 20 } });
  });

  it('wins at or past the target with a lead of two', () => {
    const { state } = play(at21to20({ winBy: 2 }), round([0, 1], [0, 0]));
    expect(state).toMatchObject({ status: 'final', winner: 'home', home: { score: 22 } });
  });

  it('is off by default: 21-20 wins', () => {
    const { state } = at21to20({});
    expect(state).toMatchObject({ status: 'final', winner: 'home' });
  });

  it('with bust on, exactly the target still needs the lead, and one more point busts', () => {
    const rules = { winBy: 2, bust: 15 };
    expect(at21to20(rules).state.status).toBe('live');
    const { state } = play(at21to20(rules), round([0, 1], [0, 0]));
    expect(state).toMatchObject({ status: 'live', home: { score: 15 }, away: { score: 20 } });
  });

  it('with bust on, exactly the target with a lead of two wins', () => {
    const game = given(
      { rules: { winBy: 2, bust: 15 } },
      round([4, 0], [0, 0]),
      round([0, 0], [4, 0]),
      round([2, 2], [0, 0]),
      round([0, 0], [2, 1]),
      round([0, 1], [0, 0]),
    );
    expect(game.state).toMatchObject({
      status: 'final',
      winner: 'home',
      home: { score: 21 },
      away: { score: 19 },
    });
  });
});

describe('who throws first', () => {
  it('is the firstThrow of the game in round 1, then the side that scored', () => {
    const { state } = given({ firstThrow: 'home' }, round([0, 0], [0, 1]));
    expect(state.rounds[0]?.firstThrow).toBe('home');
    expect(state.round).toMatchObject({ number: 2, firstThrow: 'away' });
  });

  it('after a wash is the same side again with washOrder same', () => {
    const { state } = given({ firstThrow: 'home' }, round([0, 0], [0, 1]), round([1, 0], [1, 0]));
    expect(state.rounds[1]?.firstThrow).toBe('away');
    expect(state.round.firstThrow).toBe('away');
  });

  it('after a wash is the other side with washOrder alternate', () => {
    const rules = { washOrder: 'alternate' as const };
    const { state } = given({ rules, firstThrow: 'home' }, round([0, 0], [0, 1]), round([1, 0], [1, 0]));
    expect(state.round.firstThrow).toBe('home');
  });

  it('under straight scoring is the side that threw more points', () => {
    const { state } = given({ rules: { cancellation: false } }, round([1, 0], [2, 0]));
    expect([state.home.score, state.away.score]).toEqual([3, 6]);
    expect(state.round.firstThrow).toBe('away');
  });
});
