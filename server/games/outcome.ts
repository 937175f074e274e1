// What the games service hands the routes: an HTTP-shaped answer plus what changed, so the routes
// can reply and publish without knowing how the write was made.
import type { GameState } from '../domain/index.js';

export interface Change {
  /** '' for a venue-wide change (the board count). */
  gameId: string;
  board: number | null;
  version: number;
  /** The venue stream's id for this change. */
  venueSeq: number;
  kind: 'created' | 'write' | 'started' | 'boards' | 'removed';
  /** The game is final after this change. */
  finished: boolean;
}

export interface Outcome {
  status: number;
  body: unknown;
  /** True when this call changed something: not a replayed answer, not a refusal. */
  changed: boolean;
  /** The game's current state (also after a refusal or a replay), or null when there is none. */
  state: GameState | null;
  change?: Change;
}

export interface ErrorBody {
  error: string;
  code: string;
  state?: GameState | null;
}

export function refusal(
  status: number,
  code: string,
  error: string,
  state: GameState | null = null,
): Outcome {
  const body: ErrorBody = status === 409 ? { error, code, state } : { error, code };
  return { status, body, changed: false, state };
}

export function notFound(id: string): Outcome {
  return refusal(
    404,
    'not_found',
    `There is no game "${id}"; check the link or pick the game from the list.`,
  );
}

export function badBoard(board: unknown, count: number): Outcome {
  return refusal(
    400,
    'bad_board',
    `Board ${String(board)} does not exist; this venue has boards 1 to ${count}.`,
  );
}

export function versionConflict(state: GameState, expected: number): Outcome {
  return refusal(
    409,
    'version_conflict',
    `The game has moved on to version ${state.version} (this change was based on ${expected}); check the score and try again.`,
    state,
  );
}

export function notStarted(state: GameState): Outcome {
  return refusal(
    409,
    'not_started',
    `This game is waiting for board ${String(state.board)}; start it from the host console.`,
    state,
  );
}

export function boardBusy(board: number, current: GameState | null): Outcome {
  return refusal(
    409,
    'board_busy',
    `Board ${board} still has a live game; finish it before starting the next one.`,
    current,
  );
}

export function queueEmpty(board: number, current: GameState | null): Outcome {
  return refusal(409, 'queue_empty', `No game is waiting for board ${board}; create one first.`, current);
}
