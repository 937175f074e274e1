// Topic and event names are typed: a misspelling fails `tsc` (these @ts-expect-error lines would then be
// unused and fail it too), and a topic that slips past the types fails at run time.
import { describe, expect, it } from 'vitest';
import { createLocalHub } from '../../../server/hub/index.js';

describe('typed topics and events', () => {
  it('accepts game and venue topics built from ids and board numbers', async () => {
    const hub = createLocalHub();
    const id: string = 'f3a9';
    const board: number = 3;
    hub.publish(`game:${id}`, [{ id: 1, event: 'refresh-scoreboard', data: 'changed' }]);
    hub.publish('venue', [{ id: 1, event: `refresh-board-${board}`, data: 'changed' }]);
    hub.publish('venue', [{ id: 2, event: 'refresh-games', data: 'changed' }]);
    await hub.close();
  });

  it('rejects misspelled topics and event names', async () => {
    const hub = createLocalHub();
    // @ts-expect-error a topic that does not exist
    expect(() => hub.publish('gmae:7', [])).toThrow(/Unknown hub topic/);
    // @ts-expect-error a misspelled event name
    hub.publish('game:7', [{ id: 1, event: 'refresh-scorebaord', data: 'changed' }]);
    // @ts-expect-error a game event on the venue stream
    hub.publish('venue', [{ id: 1, event: 'state', data: '{}' }]);
    // @ts-expect-error a board that is not a number
    hub.publish('venue', [{ id: 1, event: 'refresh-board-x', data: 'changed' }]);
    expect(hub.count('game:7')).toBe(0);
    await hub.close();
  });
});
