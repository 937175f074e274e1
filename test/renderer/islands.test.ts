// The islands' pure parts: merging live states by version, the keeper's queue arithmetic and wire
// format, the TV wall's change detection, and what a screen reader hears.
import { describe, expect, it } from 'vitest';
import { play } from './play.js';
import type { LiveState } from '../../server/domain/types.js';
import { announce, pips } from '../../renderer/islands/game-state.js';
import {
  bagsLeftAfter,
  changeLabel,
  heldLine,
  pauseLine,
  pendingTitle,
  tapLabel,
} from '../../renderer/islands/keeper-pad.js';
import type { Held } from '../../renderer/outbox.js';
import { tapBody, tapPath, type OutboxRecord, type Tap } from '../../renderer/taps.js';
import { newer, parseState, withScoreView } from '../../renderer/islands/live-state.js';
import { compare } from '../../renderer/islands/tv-wall.js';

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

describe('the keeper pad', () => {
  const tap = (side: 'home' | 'away'): Tap => ({ kind: 'throw', side, result: 'miss' });

  it('counts waiting taps against the bags left', () => {
    expect(bagsLeftAfter(v1, [], 'home')).toBe(3);
    expect(bagsLeftAfter(v1, [tap('home'), tap('home'), tap('away')], 'home')).toBe(1);
    expect(bagsLeftAfter(v1, [tap('home'), tap('home'), tap('home'), tap('home')], 'home')).toBe(0);
  });

  it('sends each tap to its route with the version it is based on', () => {
    expect(tapPath('g 1', tap('home'))).toBe('/api/games/g%201/throws');
    expect(tapBody(tap('home'), 4)).toEqual({ side: 'home', result: 'miss', expectedVersion: 4 });
    const round: Tap = { kind: 'round', home: { hole: 1, board: 2 }, away: { hole: 0, board: 0 } };
    expect(tapPath('g1', round)).toBe('/api/games/g1/rounds');
    expect(tapBody(round, 0)).toEqual({
      home: { hole: 1, board: 2 },
      away: { hole: 0, board: 0 },
      expectedVersion: 0,
    });
    expect(tapPath('g1', { kind: 'undo' })).toBe('/api/games/g1/undo');
  });

  it('names taps and the other keeper’s bags in the words on the buttons', () => {
    expect(tapLabel({ kind: 'throw', side: 'away', result: 'board' }, v0)).toBe('Away · On');
    expect(tapLabel({ kind: 'undo' }, v0)).toBe('Undo');
    expect(changeLabel({ side: 'home', result: 'hole', count: 1 }, v0)).toBe('Home · In');
    expect(changeLabel({ side: 'home', result: 'hole', count: 2 }, v0)).toBe('Home · In ×2');
    expect(changeLabel({ side: 'away', result: 'miss', count: -1 }, v0)).toBe('Away · Off taken back');
  });

  const record = (key: string): OutboxRecord => ({
    key,
    expectedVersion: 0,
    method: 'POST',
    path: '/api/games/g1/throws',
    body: {},
    tap: tap('home'),
    tappedAt: 0,
  });
  const held = (over: Partial<Held>): Held => ({
    status: 409,
    code: 'version_conflict',
    error: 'The game has moved on.',
    records: [record('a')],
    others: [{ side: 'away', result: 'hole', count: 1 }],
    waited: false,
    ...over,
  });

  it('says in one line what happened to held taps', () => {
    expect(heldLine(held({}))).toBe('Another keeper recorded a bag at the same moment.');
    expect(
      heldLine(
        held({
          waited: true,
          records: [record('a'), record('b')],
          others: [
            { side: 'away', result: 'hole', count: 1 },
            { side: 'away', result: 'board', count: 2 },
          ],
        }),
      ),
    ).toBe('Another keeper recorded 3 bags while you were offline.');
    expect(heldLine(held({ others: [{ side: 'home', result: 'hole', count: -1 }] }))).toBe(
      'Another keeper took back a bag at the same moment.',
    );
    expect(heldLine(held({ others: [] }))).toBe('Another keeper changed the game at the same moment.');
    expect(heldLine(held({ others: null }))).toMatch(/^The score changed on another phone/);
    expect(heldLine(held({ code: 'game_final', error: 'The game is over.' }))).toBe('The game is over.');
  });

  it('titles the waiting taps by why they wait', () => {
    const queue = [record('a'), record('b')];
    expect(pendingTitle({ queue, pause: null, retrying: false })).toBe('Sending 2 taps…');
    expect(pendingTitle({ queue, pause: null, retrying: true })).toBe('No connection: 2 taps waiting');
    expect(pendingTitle({ queue: [record('a')], pause: 'signed_out', retrying: false })).toBe(
      '1 tap waiting for you to sign in',
    );
    expect(pauseLine('gone', 2)).toBe('This game was removed: 2 taps cannot be sent.');
    expect(pauseLine('signed_out', 1)).toBe('Signed out: 1 tap waits.');
    expect(pauseLine('signed_out', 3)).toBe('Signed out: 3 taps wait.');
    expect(pauseLine(null, 2)).toBe('');
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
