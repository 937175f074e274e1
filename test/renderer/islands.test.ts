// The islands' pure parts: merging live states by version, the keeper's queue arithmetic and wire
// format, the TV wall's change detection, and what a screen reader hears.
import { describe, expect, it } from 'vitest';
import {
  createGameEvent,
  decide,
  evolve,
  liveState,
  replay,
  type Command,
  type Game,
} from '../../server/domain/index.js';
import type { LiveState } from '../../server/domain/types.js';
import { announce, pips } from '../../renderer/islands/game-state.js';
import { bagsLeftAfter, opBody, opPath, type Op } from '../../renderer/islands/keeper-pad.js';
import { newer, parseState, withScoreView } from '../../renderer/islands/live-state.js';
import { compare } from '../../renderer/islands/tv-wall.js';

const at = '2026-11-28T20:00:00.000Z';
function play(commands: Command[]): LiveState[] {
  let game: Game = replay([
    createGameEvent({
      id: 'g1',
      board: 1,
      home: { name: 'Home', players: [] },
      away: { name: 'Away', players: [] },
      at,
    }),
  ]);
  const states = [liveState(game.state)];
  for (const c of commands) {
    const d = decide(c, game.state, at);
    if (!d.ok) throw new Error(d.message);
    game = d.events.reduce(evolve, game);
    states.push(liveState(game.state));
  }
  return states;
}

const [v0, v1, v2] = play([
  { type: 'throw', side: 'home', result: 'hole' },
  { type: 'throw', side: 'away', result: 'board' },
]) as [LiveState, LiveState, LiveState];

describe('merging live states', () => {
  it('never moves an island backwards on a stale or repeated event', () => {
    expect(newer(v2, v1)).toBe(v2);
    expect(newer(v2, v2)).toBe(v2);
    expect(newer(v1, v2)).toBe(v2);
    expect(newer(null, v0)).toBe(v0);
    expect(newer(v1, null)).toBe(v1);
  });

  it('takes a different game as it comes', () => {
    const other = { ...v0, id: 'g2' };
    expect(newer(v2, other)).toBe(other);
  });

  it('reads state from a data attribute and refuses garbage', () => {
    expect(parseState(JSON.stringify(v1))?.version).toBe(1);
    expect(parseState('{not json')).toBeNull();
    expect(parseState(undefined)).toBeNull();
  });

  it('offers score getters that follow the state as it changes', () => {
    const island = withScoreView({ state: v0 as LiveState | null });
    expect(island.heading).toBe('Round 1');
    island.state = { ...v2, home: { ...v2.home, score: 7 } };
    expect(island.homeScore).toBe(7);
    expect(island.awayName).toBe('Away');
  });
});

describe('the keeper queue', () => {
  const tap = (side: 'home' | 'away'): Op => ({ kind: 'throw', key: `k-${side}`, side, result: 'miss' });

  it('counts pending taps against the bags left', () => {
    expect(bagsLeftAfter(v1, [], 'home')).toBe(3);
    expect(bagsLeftAfter(v1, [tap('home'), tap('home'), tap('away')], 'home')).toBe(1);
    expect(bagsLeftAfter(v1, [tap('home'), tap('home'), tap('home'), tap('home')], 'home')).toBe(0);
  });

  it('sends each op to its route with the version it is based on', () => {
    expect(opPath(tap('home'))).toBe('throws');
    expect(opBody(tap('home'), 4)).toEqual({ side: 'home', result: 'miss', expectedVersion: 4 });
    const round: Op = { kind: 'round', key: 'r', home: { hole: 1, board: 2 }, away: { hole: 0, board: 0 } };
    expect(opPath(round)).toBe('rounds');
    expect(opBody(round, 0)).toEqual({
      home: { hole: 1, board: 2 },
      away: { hole: 0, board: 0 },
      expectedVersion: 0,
    });
    expect(opPath({ kind: 'undo', key: 'u' })).toBe('undo');
  });
});

describe('the TV wall', () => {
  const seen = (home: number, away: number, status = 'live', game = 'g1') => ({ game, status, home, away });

  it('highlights the side that scored with its gain', () => {
    expect(compare(seen(3, 0), seen(6, 0))).toEqual({ kind: 'score', gains: { home: 3 } });
  });
  it('marks a finish apart from a score', () => {
    expect(compare(seen(19, 0), seen(21, 0, 'final'))).toEqual({ kind: 'final' });
  });
  it('stays quiet when nothing changed or the board has a new game', () => {
    expect(compare(seen(3, 0), seen(3, 0))).toBeNull();
    expect(compare(seen(3, 0), seen(0, 0, 'live', 'g2'))).toBeNull();
    expect(compare(undefined, seen(1, 0))).toBeNull();
  });
  it('flags an undo as a correction', () => {
    expect(compare(seen(6, 0), seen(3, 0))).toEqual({ kind: 'corrected' });
  });
});

describe('what spectators see and hear', () => {
  it('draws four pips, holes first, open bags last', () => {
    expect(pips({ hole: 1, board: 1, miss: 0 })).toEqual(['hole', 'board', 'open', 'open']);
    expect(pips({ hole: 0, board: 0, miss: 4 })).toEqual(['miss', 'miss', 'miss', 'miss']);
  });
  it('announces a score change once and stays silent otherwise', () => {
    const scored = { ...v2, home: { ...v2.home, score: 3 } };
    expect(announce(v2, scored)).toContain('Home 3');
    expect(announce(scored, { ...scored, version: scored.version + 1 })).toBe('');
  });
  it('announces the winner at the end', () => {
    const final = {
      ...v2,
      status: 'final' as const,
      winner: 'home' as const,
      home: { ...v2.home, score: 21 },
    };
    expect(announce(v2, final)).toBe('Final: Home win, 21 to 0.');
  });
});
