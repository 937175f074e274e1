// The islands' pure parts for a night: a waiting game's words, a same-version state whose place in
// line changed, which name field a roster chip fills, and where a removed game's page asks after it.
import { describe, expect, it } from 'vitest';
import type { LiveState } from '../../server/domain/types.js';
import { stateUrlOf } from '../../renderer/comeback.js';
import { newer } from '../../renderer/islands/live-state.js';
import { boardText, waitingLine, waitingTitle } from '../../renderer/islands/queue-words.js';
import { sideFor } from '../../renderer/islands/roster.js';

const playing = { home: 'Bag Daddies', away: 'Hole Patrol' };

describe('a waiting game’s words', () => {
  it('say where it waits, what the board plays and how far away it is', () => {
    expect(waitingTitle({ board: 3, position: 1, playing })).toBe('Up next on board 3');
    expect(waitingTitle({ board: 3, position: 2, playing })).toBe('2nd in line for board 3');
    expect(waitingTitle({ board: 3, position: 3, playing })).toBe('3rd in line for board 3');
    expect(waitingTitle({ board: 3, position: 11, playing })).toBe('11th in line for board 3');
    expect(waitingTitle({ board: 3, position: 21, playing })).toBe('21st in line for board 3');
    expect(waitingLine({ board: 3, position: 1, playing }, 'pad')).toBe(
      "Board 3 is playing Bag Daddies vs Hole Patrol; you're next.",
    );
    expect(waitingLine({ board: 3, position: 3, playing }, 'game')).toBe(
      'Board 3 is playing Bag Daddies vs Hole Patrol; 2 games before this one.',
    );
    expect(waitingLine({ board: 3, position: 1, playing: null }, 'pad')).toBe(
      'Board 3 is free: start this game when both teams are there.',
    );
    expect(waitingLine({ board: 3, position: 2, playing: null }, 'pad')).toBe(
      'Board 3 is free; 1 game before yours.',
    );
    expect(boardText(null)).toBe('Friendly game');
    expect(boardText(4)).toBe('Board 4');
  });
});

describe('a place in line under the same version', () => {
  const base = { id: 'g', version: 2, queue: { board: 1, position: 2, playing } } as unknown as LiveState;
  it('replaces the state when the place changed, and not otherwise', () => {
    const moved = { ...base, queue: { board: 1, position: 1, playing } } as LiveState;
    const started = { ...base, queue: null } as LiveState;
    expect(newer(base, moved)).toBe(moved);
    expect(newer(moved, started)).toBe(started);
    expect(newer(base, { ...base } as LiveState)).toBe(base);
    // An older version never wins, whatever its place.
    expect(newer(started, { ...base, version: 1 } as LiveState)).toBe(started);
  });
});

describe('a roster chip', () => {
  it('fills the home name while it is empty, then the away team', () => {
    expect(sideFor('')).toBe('home');
    expect(sideFor('  ')).toBe('home');
    expect(sideFor('Bag Daddies')).toBe('away');
  });
});

describe('a removed game’s page waiting for its restore', () => {
  it('asks for the state of the game its stream was for, and of nothing else', () => {
    expect(stateUrlOf('/games/Ab_9-x/events?since=3')).toBe('/api/games/Ab_9-x/state');
    expect(stateUrlOf('/games/Ab_9-x/events')).toBe('/api/games/Ab_9-x/state');
    expect(stateUrlOf('/events?since=12')).toBeNull();
    expect(stateUrlOf('/games/Ab/eventsx')).toBeNull();
    expect(stateUrlOf(null)).toBeNull();
  });
});
