// Reading games: the folded state of a game as the database has it now, or as it was at a version
// (what an idempotent answer is rebuilt from). Folded games are cached; the log is the truth.
import { replay } from '../domain/index.js';
import type { GameState } from '../domain/index.js';
import type { GameRecord, Store } from '../store/index.js';
import { GameCache } from './cache.js';

export class GameReads {
  readonly cache: GameCache;

  constructor(private readonly store: Store) {
    this.cache = new GameCache(store);
  }

  /** The game's state, brought up to date with writes from any process on this database. */
  get(gameId: string): GameState | null {
    const version = this.store.gameVersion(gameId);
    if (version === null) {
      this.cache.forget(gameId);
      return null;
    }
    return this.cache.current(gameId, version).game.state;
  }

  stateOf(record: GameRecord | null): GameState | null {
    return record ? this.cache.current(record.id, record.version).game.state : null;
  }

  /**
   * The game as it was at `version`: every accepted write is one event, so that is the log up to
   * seq `version`. A retry right after its write finds it in the cache; an older one folds the log.
   */
  stateAt(gameId: string, version: number): GameState | null {
    const current = this.get(gameId);
    if (current === null || current.version < version) return null;
    if (current.version === version) return current;
    const events = this.store.events(gameId, -1, version);
    if (events.length !== version + 1) return null;
    return replay(events.map((e) => e.event)).state;
  }
}
