// What the tournament service offers the routes and views: reads (the state of one tournament, the
// list) and the shapes they come in. The writes and their pipeline live beside it in this folder.
import type { Format, TournamentState, TournamentStatus } from '../domain/tournament/index.js';

/** One row of `GET /api/tournaments` (CONTRACT.md) and of the venue's tournament lists. */
export interface TournamentSummary {
  id: string;
  name: string;
  format: Format;
  status: TournamentStatus;
  version: number;
  teams: number;
  createdAt: string;
  updatedAt: string;
}

export interface TournamentReads {
  /** The tournament's state, up to date with writes from any process on this database; null if none. */
  get(id: string): TournamentState | null;
  /** Every tournament, the latest created first. */
  list(): TournamentSummary[];
}
