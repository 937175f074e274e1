// The reference servers' games: BagTrax's own rules and scoreboard view, kept in a Map in memory, as
// a first version of any such app would keep them. No database, no cache, no ETag.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createGameEvent, decide, evolve, liveState, replay } from '../../../server/domain/index.js';
import type { BagResult, Game, GameState, LiveState, Side } from '../../../server/domain/index.js';
import { scoreboard } from '../../../server/views/partials/scoreboard.js';

export type { GameState, LiveState };

export class MemoryGames {
  private readonly games = new Map<string, Game>();

  create(home: string, away: string): GameState {
    const id = randomBytes(6).toString('base64url');
    const event = createGameEvent({
      id,
      board: null,
      home: { name: home, players: [] },
      away: { name: away, players: [] },
      at: new Date().toISOString(),
    });
    const game = replay([event]);
    this.games.set(id, game);
    return game.state;
  }

  get(id: string): GameState | undefined {
    return this.games.get(id)?.state;
  }

  /** The next state, or a refusal message (the game is over, that side has no bags left). */
  throwBag(id: string, side: Side, result: BagResult): GameState | string {
    const game = this.games.get(id);
    if (!game) return 'no such game';
    const decision = decide({ type: 'throw', side, result }, game.state, new Date().toISOString());
    if (!decision.ok) return decision.message;
    const next = decision.events.reduce(evolve, game);
    this.games.set(id, next);
    return next.state;
  }

  live(state: GameState): LiveState {
    return liveState(state);
  }

  /** Rendered on every request, as the usual template route does. */
  scoreboardHtml(state: GameState): string {
    return scoreboard(state).value;
  }
}

/** The request body as JSON (no body-parser package: the bench installs nothing for it). */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
