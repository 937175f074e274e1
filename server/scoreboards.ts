// The scoreboard fragment, rendered once per game version with a strong ETag: every phone that
// refreshes after a bag is answered from here, by Koa's route or by the fast path ahead of it.
import { createHash } from 'node:crypto';
import type { GameState } from './domain/index.js';
import type { Games } from './games.js';
import { scoreboard } from './views/partials/scoreboard.js';

export interface RenderedScoreboard {
  version: number;
  /** Encoded once: a thousand answers copy no string and measure nothing. */
  body: Buffer;
  etag: string;
}

export class Scoreboards {
  private readonly cache = new Map<string, RenderedScoreboard>();

  constructor(private readonly games: Pick<Games, 'get'>) {}

  /** The current fragment of a game, or null when there is no such game. */
  get(id: string): RenderedScoreboard | null {
    const state = this.games.get(id);
    if (!state) {
      this.cache.delete(id);
      return null;
    }
    const hit = this.cache.get(id);
    return hit && hit.version === state.version ? hit : this.render(id, state);
  }

  private render(id: string, state: GameState): RenderedScoreboard {
    const body = Buffer.from(scoreboard(state).value);
    const rendered = {
      version: state.version,
      body,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    };
    this.cache.set(id, rendered);
    return rendered;
  }
}
