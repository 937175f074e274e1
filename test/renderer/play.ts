// A game played through the real rules, for the islands' pure parts: every live state it passes
// through, from its creation on.
import {
  createGameEvent,
  decide,
  evolve,
  liveState,
  replay,
  type Command,
  type Game,
} from '../../server/domain/index.js';
import type { LiveState, Rules } from '../../server/domain/types.js';

export const at = '2026-11-28T20:00:00.000Z';

export function play(commands: Command[], rules: Partial<Rules> = {}): LiveState[] {
  let game: Game = replay([
    createGameEvent({
      id: 'g1',
      board: 1,
      home: { name: 'Home', players: [] },
      away: { name: 'Away', players: [] },
      rules,
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
