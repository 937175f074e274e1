// Folded tournaments kept in memory, so a read or a write folds only the events it has not seen yet.
// Another process may have written since: every use compares with the version the database holds.
import { evolve, replay, type TournamentState } from '../domain/tournament/index.js';
import type { Store } from '../store/index.js';

export class TournamentCache {
  private readonly entries = new Map<string, TournamentState>();

  constructor(private readonly store: Store) {}

  /** The tournament as the database has it at `dbVersion` (read by the caller, in its transaction). */
  current(id: string, dbVersion: number): TournamentState {
    let state = this.entries.get(id);
    // Ahead of the database means the file was replaced underneath: start over.
    if (state && state.version > dbVersion) state = undefined;
    if (state && state.version === dbVersion) return state;
    // A tournament's version is the seq of its last event (0 is the creation).
    const events = this.store.tournaments.events(id, state?.version ?? -1).map((e) => e.event);
    if (events.length === 0) {
      if (state) return state;
      throw new Error(`Tournament ${id} has a row but no events`);
    }
    const fresh = state ? events.reduce(evolve, state) : replay(events);
    this.entries.set(id, fresh);
    return fresh;
  }

  set(state: TournamentState): void {
    this.entries.set(state.id, state);
  }

  forget(id: string): void {
    this.entries.delete(id);
  }
}
