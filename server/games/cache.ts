// Folded games kept in memory, so a read or a write replays only the events it has not seen yet.
// Another process may have written since: every use compares with the version the database holds.
import { evolve, replay } from '../domain/index.js';
import type { Game } from '../domain/index.js';
import type { Store } from '../store/index.js';

interface Entry {
  game: Game;
  /** The last event folded in (0 is game_created). */
  seq: number;
}

export class GameCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly store: Store) {}

  /**
   * The game as the database has it at `dbVersion` (read by the caller, inside its transaction
   * for a write). Only events after the cached one are read.
   */
  current(id: string, dbVersion: number): Entry {
    let entry = this.entries.get(id);
    // A cached game ahead of the database means the file was replaced underneath: start over.
    if (entry && entry.game.state.version > dbVersion) entry = undefined;
    if (entry && entry.game.state.version === dbVersion) return entry;
    const events = this.store.events(id, entry?.seq ?? -1);
    const last = events[events.length - 1];
    if (last === undefined) {
      if (entry) return entry;
      throw new Error(`Game ${id} has a row but no events`);
    }
    const game = entry
      ? events.reduce((g, e) => evolve(g, e.event), entry.game)
      : replay(events.map((e) => e.event));
    const fresh = { game, seq: last.seq };
    this.entries.set(id, fresh);
    return fresh;
  }

  /** Records a game this process has just committed. */
  set(id: string, game: Game, seq: number): void {
    this.entries.set(id, { game, seq });
  }

  forget(id: string): void {
    this.entries.delete(id);
  }
}
