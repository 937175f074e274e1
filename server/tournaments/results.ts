// What a tournament write comes back with, like a game write's (server/games/results.ts): accepted
// (publish what changed), refused (nothing changed) or replayed (the answer kept under its key).
import type { GameState } from '../domain/index.js';
import type { RefusalCode, TournamentState } from '../domain/tournament/index.js';
import { INPUT_CODES } from '../domain/tournament/index.js';
import type { Change } from '../games/results.js';

/** What one accepted tournament write (or a game's write that moved a tournament on) changed. */
export interface TournamentChange {
  tournamentId: string;
  version: number;
  /** The tournament after the change: its stream's `state`. */
  state: TournamentState;
  /** The venue stream's id when the venue's lists change (created, started, over), else null. */
  venueSeq: number | null;
  /** Games the change created (matches called) or moved (calls reassigned), in order. */
  games: Array<{ change: Change; state: GameState }>;
}

export interface TournamentAccepted {
  ok: true;
  status: 200 | 201;
  state: TournamentState;
}

export interface TournamentRefused {
  ok: false;
  status: 400 | 404 | 409 | 422;
  code: string;
  /** One sentence a person can act on. */
  error: string;
  /** The tournament the refusal was decided on (what a 409 carries), or null. */
  state: TournamentState | null;
}

export type TournamentAnswer = TournamentAccepted | TournamentRefused;

export type TournamentWriteResult =
  | { kind: 'accepted'; answer: TournamentAccepted; change: TournamentChange }
  | { kind: 'refused'; answer: TournamentRefused }
  | { kind: 'replayed'; answer: TournamentAnswer };

export function accepted(status: 200 | 201, change: TournamentChange): TournamentWriteResult {
  return { kind: 'accepted', answer: { ok: true, status, state: change.state }, change };
}

export function refused(
  status: TournamentRefused['status'],
  code: string,
  error: string,
  state: TournamentState | null = null,
): TournamentWriteResult {
  return { kind: 'refused', answer: { ok: false, status, code, error, state } };
}

/** The domain's refusal as HTTP: what was sent is wrong (400), or the tournament's state forbids it (409). */
export function domainRefusal(
  code: RefusalCode,
  message: string,
  state: TournamentState | null,
): TournamentWriteResult {
  if ((INPUT_CODES as readonly string[]).includes(code)) return refused(400, code, message);
  if (code === 'not_found') return notFound(state?.id ?? '');
  return refused(409, code, message, state);
}

export function notFound(id: string): TournamentWriteResult {
  return refused(
    404,
    'not_found',
    `There is no tournament "${id.slice(0, 64)}"; check the link or pick it from the list.`,
  );
}
