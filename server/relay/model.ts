// A relay's read model: the venue as the primary last published it, held in memory and answering
// every read the pages, fragments, streams and JSON ask (VenueReads, TournamentReads), with no
// database. The follower (follower.ts) applies entries to it and publishes their events.
import type { GameState } from '../domain/index.js';
import type { TournamentState } from '../domain/tournament/index.js';
import type { BoardView, GameResult, GameSummary, VenueReads } from '../games/types.js';
import type { TournamentReads, TournamentSummary } from '../tournaments/types.js';
import type { GameDoc, RemovedDoc, VenueDoc } from './protocol.js';

export const EMPTY_VENUE: VenueDoc = {
  seq: 0,
  boardCount: 0,
  boards: [],
  friendlies: [],
  results: [],
  list: [],
  tournaments: [],
};

/** One whole venue: what a snapshot holds and what entries change. */
export class VenueModel implements VenueReads {
  readonly games = new Map<string, GameDoc>();
  readonly removed = new Map<string, RemovedDoc>();
  readonly tournamentStates = new Map<string, TournamentState>();
  /** The JSON each doc came as, by topic: what a reload compares to tell what changed. */
  readonly raw = new Map<string, string>();
  venue: VenueDoc = EMPTY_VENUE;

  readonly tournaments: TournamentReads = {
    get: (id: string): TournamentState | null => this.tournamentStates.get(id) ?? null,
    // The venue doc's list moves with the venue; each tournament's own state may be newer.
    list: (): TournamentSummary[] =>
      this.venue.tournaments.map((t) => {
        const s = this.tournamentStates.get(t.id);
        return s && s.version > t.version
          ? { ...t, status: s.status, version: s.version, updatedAt: s.updatedAt }
          : t;
      }),
  };

  setGame(id: string, json: string): GameDoc {
    const doc = JSON.parse(json) as GameDoc;
    this.games.set(id, doc);
    this.removed.delete(id);
    this.raw.set(`game:${id}`, json);
    return doc;
  }

  removeGame(id: string, json: string): void {
    this.games.delete(id);
    this.raw.delete(`game:${id}`);
    this.removed.set(id, json ? (JSON.parse(json) as RemovedDoc) : { retiredBy: null });
  }

  setTournament(id: string, json: string): TournamentState {
    const state = JSON.parse(json) as TournamentState;
    this.tournamentStates.set(id, state);
    this.raw.set(`tournament:${id}`, json);
    return state;
  }

  setVenue(json: string): VenueDoc {
    const doc = JSON.parse(json) as VenueDoc;
    this.venue = doc;
    this.raw.set('venue', json);
    // A tournament deleted from the list is gone from its page too.
    const listed = new Set(doc.tournaments.map((t) => t.id));
    for (const id of this.tournamentStates.keys()) {
      if (!listed.has(id)) {
        this.tournamentStates.delete(id);
        this.raw.delete(`tournament:${id}`);
      }
    }
    return doc;
  }

  /** The version of a topic this model holds (a game's, a tournament's, the venue's sequence), or null. */
  versionOf(topic: string): number | null {
    if (topic === 'venue') return this.raw.has('venue') ? this.venue.seq : null;
    if (topic.startsWith('game:')) return this.get(topic.slice('game:'.length))?.version ?? null;
    return this.tournamentStates.get(topic.slice('tournament:'.length))?.version ?? null;
  }

  /** Takes over everything of `next` (a snapshot just loaded), keeping this object the one read. */
  replaceWith(next: VenueModel): void {
    for (const name of ['games', 'removed', 'tournamentStates', 'raw'] as const) {
      const mine = this[name] as Map<string, unknown>;
      mine.clear();
      for (const [k, v] of next[name] as Map<string, unknown>) mine.set(k, v);
    }
    this.venue = next.venue;
  }

  // ---- VenueReads -------------------------------------------------------------------------------

  get(gameId: string): GameState | null {
    return this.games.get(gameId)?.state ?? null;
  }

  list(): GameSummary[] {
    const out: GameSummary[] = [];
    for (const g of this.venue.list) {
      const state = this.get(g.id);
      if (!state) continue;
      out.push({
        id: state.id,
        board: state.board,
        status: state.status,
        version: state.version,
        home: { name: state.home.name, score: state.home.score },
        away: { name: state.away.name, score: state.away.score },
        createdAt: g.createdAt,
        startedAt: g.startedAt,
      });
    }
    return out;
  }

  isRemoved(gameId: string): boolean {
    return this.removed.has(gameId);
  }

  retiredBy(gameId: string): { id: string; name: string } | null {
    return this.removed.get(gameId)?.retiredBy ?? null;
  }

  friendlies(): GameState[] {
    return this.states(this.venue.friendlies);
  }

  results(): GameResult[] {
    const out: GameResult[] = [];
    for (const id of this.venue.results) {
      const g = this.games.get(id);
      if (g) out.push({ state: g.state, startedAt: g.startedAt, finishedAt: g.finishedAt });
    }
    return out;
  }

  boards(): BoardView[] {
    return this.venue.boards.map((b) => ({
      number: b.number,
      current: b.current === null ? null : this.get(b.current),
      queue: b.queue,
      lastFinished: b.lastFinished === null ? null : this.get(b.lastFinished),
    }));
  }

  boardCount(): number {
    return this.venue.boardCount;
  }

  venueSeq(): number {
    return this.venue.seq;
  }

  private states(ids: readonly string[]): GameState[] {
    const out: GameState[] = [];
    for (const id of ids) {
      const state = this.get(id);
      if (state) out.push(state);
    }
    return out;
  }
}
