// What a write comes back with: accepted (something changed: publish it), refused (nothing changed)
// or replayed (the answer first given under this Idempotency-Key). Each carries one answer that the
// routes turn into HTTP in one place.
import type { GameState } from '../domain/index.js';
import type { TournamentChange } from '../tournaments/results.js';

export interface Change {
  /** '' for a venue-wide change (the board count). */
  gameId: string;
  board: number | null;
  version: number;
  /** The venue stream's id for this change. */
  venueSeq: number;
  kind: 'created' | 'write' | 'started' | 'boards' | 'removed' | 'edited' | 'restored' | 'reordered';
  /** The game is final after this change. */
  finished: boolean;
  /** The game went from live to final, or back (the results change, and its board's line). */
  statusChanged?: boolean;
  /** Set when the game moved: the board it was on before (both boards' cards change). */
  from?: number | null;
  /**
   * Games waiting in a line whose place (or whose board's game) changed without a version of their
   * own, and a game that has just left its line: their states now, for their open pages.
   */
  placed?: GameState[];
  /** Tournaments this write moved on (a match started or decided, the calls that made), in order. */
  tournaments?: TournamentChange[];
}

export interface Accepted {
  ok: true;
  status: 200 | 201;
  state: GameState;
}

/** A removal: 204 and no body (the game is gone from every surface). */
export interface Removed {
  ok: true;
  status: 204;
  state: null;
}

export interface Refused {
  ok: false;
  status: 400 | 404 | 409 | 422;
  code: string;
  /** One sentence a person can act on. */
  error: string;
  /** The game's state the refusal was decided on (what a 409 carries), or null. */
  state: GameState | null;
}

export type Answer = Accepted | Removed | Refused;

export type WriteResult =
  | { kind: 'accepted'; answer: Accepted; change: Change }
  /** Accepted, but nothing changed (an edit to the values the game already has): nothing to publish. */
  | { kind: 'unchanged'; answer: Accepted }
  | { kind: 'removed'; answer: Removed; change: Change }
  | { kind: 'refused'; answer: Refused }
  | { kind: 'replayed'; answer: Answer };

export interface ErrorBody {
  error: string;
  code: string;
  state?: GameState | null;
}

/** The answer's JSON body as CONTRACT.md has it: the state, or the error with `state` on a 409. */
export function answerBody(answer: Answer): GameState | ErrorBody | null {
  if (answer.ok) return answer.state;
  const { error, code, state } = answer;
  return answer.status === 409 ? { error, code, state } : { error, code };
}

export function accepted(status: Accepted['status'], state: GameState, change: Change): WriteResult {
  return { kind: 'accepted', answer: { ok: true, status, state }, change };
}

export function unchanged(state: GameState): WriteResult {
  return { kind: 'unchanged', answer: { ok: true, status: 200, state } };
}

export function refused(
  status: Refused['status'],
  code: string,
  error: string,
  state: GameState | null = null,
): WriteResult {
  return { kind: 'refused', answer: { ok: false, status, code, error, state } };
}

export function removed(change: Change): WriteResult {
  return { kind: 'removed', answer: { ok: true, status: 204, state: null }, change };
}

export function notFound(id: string): WriteResult {
  const shown = id.slice(0, 64);
  return refused(
    404,
    'not_found',
    `There is no game "${shown}"; check the link or pick the game from the list.`,
  );
}

export function keyReused(): WriteResult {
  return refused(
    422,
    'idempotency_key_reused',
    'This Idempotency-Key was already used for another request; send a new key with each new change.',
  );
}

export function badBoard(board: unknown, count: number): WriteResult {
  return refused(
    400,
    'bad_board',
    `Board ${String(board)} does not exist; this venue has boards 1 to ${count}.`,
  );
}

export function versionConflict(state: GameState, expected: number): WriteResult {
  return refused(
    409,
    'version_conflict',
    `The game has moved on to version ${state.version} (this change was based on ${expected}); check the score and try again.`,
    state,
  );
}

export function notStarted(state: GameState): WriteResult {
  return refused(
    409,
    'not_started',
    `This game is waiting for board ${String(state.board)}; start it from the host console.`,
    state,
  );
}

export function boardBusy(board: number, current: GameState | null): WriteResult {
  return refused(
    409,
    'board_busy',
    `Board ${board} still has a live game; finish it before starting the next one.`,
    current,
  );
}

export function queueEmpty(board: number, current: GameState | null): WriteResult {
  return refused(409, 'queue_empty', `No game is waiting for board ${board}; create one first.`, current);
}

export function moveBusy(board: number, state: GameState): WriteResult {
  return refused(
    409,
    'board_busy',
    `Board ${board} has a live game: a game that has started moves only to a free board (or to none).`,
    state,
  );
}

/** A game that has started (or is on no board) has no place in a line to change. */
export function notWaiting(state: GameState): WriteResult {
  return refused(
    409,
    'not_queued',
    "This game is not waiting in a board's line (it has started, or it is on no board); only a waiting game changes place.",
    state,
  );
}

export function notQueued(board: number): WriteResult {
  return refused(409, 'not_queued', `That game is not waiting for board ${board}; reload the host console.`);
}

/** A tournament's game keeps its board and its result: the tournament decides them (CONTRACT.md). */
export function tournamentGame(
  state: GameState,
  what: 'move' | 'remove' | 'rename' | 'undo' | 'restore',
): WriteResult {
  const name = state.tournament?.name ?? 'its tournament';
  const sentences = {
    move: `This game is a match of ${name}: move it from the tournament's page (its board is called there).`,
    remove: `This game is a match of ${name}: it cannot be removed; a team that cannot play withdraws from the tournament.`,
    rename: `This game is a match of ${name}: its team names come from the tournament.`,
    undo: `This game's result has already moved ${name} on, so it cannot be undone here.`,
    restore: `This game's match in ${name} was reset or forfeited, so the game stays retired; a new call makes a new game.`,
  };
  return refused(409, 'tournament_game', sentences[what], state);
}
