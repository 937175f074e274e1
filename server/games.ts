// The application service the routes call: each write decides with the pure rules and commits the
// events, the game row, the venue counter and the idempotent answer in one transaction.
import { randomBytes } from 'node:crypto';
import { createGameEvent, decide, evolve, replay, validateRules } from './domain/index.js';
import type { Command, Decision, GameState } from './domain/index.js';
import { Store, SCHEMA_VERSION } from './store/index.js';
import type { GameRecord } from './store/index.js';
import { GameCache } from './games/cache.js';
import { gameCsv } from './games/csv.js';
import {
  BOARD_COUNT_SETTING,
  MAX_BOARDS,
  boardSlots,
  isBoardNumber,
  parseBoardCount,
  startsAtOnce,
} from './games/boards.js';
import * as answers from './games/outcome.js';
import type { Change, Outcome } from './games/outcome.js';
import { rulesFrom, scoresOf, rowOf, summaryOfRecord } from './games/records.js';
import type { BoardView, GameSummary, GamesOptions, NewGameInput, WriteOptions } from './games/types.js';

export type { Change, Outcome, ErrorBody } from './games/outcome.js';
export type {
  BoardView,
  GameSummary,
  GamesOptions,
  NewGameInput,
  NewTeam,
  WriteOptions,
} from './games/types.js';
export { DEFAULT_BOARD_COUNT, MAX_BOARDS } from './games/boards.js';

/** The path each write answers on: an idempotency key is remembered per (key, method + path). */
const COMMAND_PATH: Record<Command['type'], string> = { throw: 'throws', round: 'rounds', undo: 'undo' };
const CREATE_SCOPE = 'POST /api/games';

/** 6 random bytes: 8 URL-safe characters, 2^48 possibilities, so ids cannot be walked. */
export function randomGameId(): string {
  return randomBytes(6).toString('base64url');
}

export class Games {
  private readonly cache: GameCache;

  private constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly newId: () => string,
  ) {
    this.cache = new GameCache(store);
  }

  static open(opts: GamesOptions): Games {
    return new Games(Store.open(opts.dataDir), opts.now ?? (() => new Date()), opts.newId ?? randomGameId);
  }

  create(input: NewGameInput, opts: WriteOptions = {}): Outcome {
    const rules = rulesFrom(input.rules);
    const problem = validateRules(rules);
    if (problem !== null) return answers.refusal(400, 'bad_rules', problem);
    const board = input.board ?? null;
    return this.writing(null, (): Outcome => {
      const replayed = this.replayed(opts.idempotencyKey, CREATE_SCOPE);
      if (replayed) return replayed;
      const count = this.boardCount();
      if (board !== null && !isBoardNumber(board, count)) return answers.badBoard(board, count);
      const at = this.now().toISOString();
      const event = createGameEvent({
        id: this.freshId(),
        board,
        // The API may leave players out; the log always has the list.
        home: { name: input.home.name, players: input.home.players ?? [] },
        away: { name: input.away.name, players: input.away.players ?? [] },
        rules,
        firstThrow: input.firstThrow,
        at,
      });
      const game = replay([event]);
      const startsNow = board === null || startsAtOnce(boardSlots(this.store.gamesOnBoard(board)));
      this.store.insertGame({ ...rowOf(game.state), startedAt: startsNow ? at : null }, event);
      const outcome = this.accepted(201, game.state, 'created', opts.idempotencyKey, CREATE_SCOPE);
      this.cache.set(event.id, game, 0);
      return outcome;
    });
  }

  command(gameId: string, command: Command, opts: WriteOptions = {}): Outcome {
    const scope = `POST /api/games/${gameId}/${COMMAND_PATH[command.type]}`;
    return this.writing(gameId, (): Outcome => {
      const replayed = this.replayed(opts.idempotencyKey, scope);
      if (replayed) return replayed;
      const record = this.store.game(gameId);
      if (!record) return answers.notFound(gameId);
      // The version comes from the database, under the write lock: another process may have
      // written since this one last looked.
      const { game, seq } = this.cache.current(gameId, record.version);
      const state = game.state;
      const expected = opts.expectedVersion;
      if (expected !== undefined && expected !== state.version) {
        return answers.versionConflict(state, expected);
      }
      if (record.startedAt === null) return answers.notStarted(state);
      const decision = decideOrThrown(command, state, this.now().toISOString());
      if (decision instanceof Error) return answers.refusal(400, 'bad_command', decision.message);
      if (!decision.ok) return answers.refusal(409, decision.code, decision.message, state);
      const next = decision.events.reduce(evolve, game);
      this.store.appendEvents(gameId, seq + 1, decision.events);
      const wasFinal = state.status === 'final';
      const { updatedAt, status } = next.state;
      this.store.saveProgress(gameId, {
        ...scoresOf(next.state),
        finishedAt: status !== 'final' ? null : wasFinal ? record.finishedAt : updatedAt,
      });
      const outcome = this.accepted(200, next.state, 'write', opts.idempotencyKey, scope);
      // Set last: only COMMIT can fail after this, and writing() forgets the game if it does.
      this.cache.set(gameId, next, seq + decision.events.length);
      return outcome;
    });
  }

  /**
   * Takes a game off every surface (the organiser's DELETE). A retry under the same key answers 204
   * again; without one, a removed game is simply not found.
   */
  remove(gameId: string, opts: WriteOptions = {}): Outcome {
    const scope = `DELETE /api/games/${gameId}`;
    return this.writing(gameId, (): Outcome => {
      const replayed = this.replayed(opts.idempotencyKey, scope);
      if (replayed) return replayed;
      const record = this.store.game(gameId);
      if (!record) return answers.notFound(gameId);
      const at = this.now().toISOString();
      this.store.markRemoved(gameId, at);
      const venueSeq = this.store.nextVenueSeq();
      if (opts.idempotencyKey !== undefined) {
        this.store.remember(opts.idempotencyKey, scope, { status: 204, body: null }, at);
      }
      this.cache.forget(gameId);
      const { board, version, status } = record;
      const change: Change = {
        gameId,
        board,
        version,
        venueSeq,
        kind: 'removed',
        finished: status === 'final',
      };
      return { status: 204, body: null, changed: true, state: null, change };
    });
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

  list(): GameSummary[] {
    return this.store.games().map(summaryOfRecord);
  }

  boards(): BoardView[] {
    return this.store.read(() => {
      const count = this.boardCount();
      const onBoards = this.store.games().filter((r) => r.board !== null && r.board <= count);
      return Array.from({ length: count }, (_, i) => {
        const slots = boardSlots(onBoards.filter((r) => r.board === i + 1));
        return {
          number: i + 1,
          current: this.stateOf(slots.current),
          queue: slots.queue.map((r) => ({
            id: r.id,
            home: { name: r.homeName },
            away: { name: r.awayName },
          })),
          lastFinished: this.stateOf(slots.lastFinished),
        };
      });
    });
  }

  boardCount(): number {
    return parseBoardCount(this.store.setting(BOARD_COUNT_SETTING));
  }

  /** Boards beyond a smaller count keep their games; they are just no longer shown. */
  setBoardCount(n: number): Change {
    if (!Number.isInteger(n) || n < 1 || n > MAX_BOARDS) {
      throw new RangeError(`The number of boards must be a whole number from 1 to ${MAX_BOARDS}.`);
    }
    return this.store.write(() => {
      this.store.setSetting(BOARD_COUNT_SETTING, String(n));
      const venueSeq = this.store.nextVenueSeq();
      return { gameId: '', board: null, version: 0, venueSeq, kind: 'boards', finished: false };
    });
  }

  startNext(board: number): Outcome {
    const count = this.boardCount();
    if (!isBoardNumber(board, count)) return answers.badBoard(board, count);
    return this.store.write((): Outcome => {
      const slots = boardSlots(this.store.gamesOnBoard(board));
      const current = this.stateOf(slots.current);
      if (current?.status === 'live') return answers.boardBusy(board, current);
      const next = slots.queue[0];
      if (next === undefined) return answers.queueEmpty(board, current);
      this.store.markStarted(next.id, this.now().toISOString());
      const state = this.stateOf(next) as GameState;
      return this.accepted(200, state, 'started');
    });
  }

  venueSeq(): number {
    return this.store.venueSeq();
  }

  setting(key: string): string | null {
    return this.store.setting(key);
  }

  setSetting(key: string, value: string): void {
    this.store.write(() => this.store.setSetting(key, value));
  }

  exportGameCsv(gameId: string): string | null {
    const state = this.get(gameId);
    return state ? gameCsv(state) : null;
  }

  /** Everything a venue holds, for a backup or a spreadsheet: each game's full state and the boards. */
  exportVenueJson(): unknown {
    return this.store.read(() => ({
      format: 'bagtrax-venue',
      schema: SCHEMA_VERSION,
      exportedAt: this.now().toISOString(),
      venueSeq: this.store.venueSeq(),
      boardCount: this.boardCount(),
      boards: this.boards().map((b) => ({
        number: b.number,
        current: b.current?.id ?? null,
        queue: b.queue.map((q) => q.id),
        lastFinished: b.lastFinished?.id ?? null,
      })),
      games: this.store.games().map((r) => ({
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        state: this.stateOf(r),
      })),
    }));
  }

  close(): void {
    this.store.close();
  }

  // ---- inside a write transaction ---------------------------------------------------------------

  /**
   * Runs a game write under the write lock. The cache is updated inside, before COMMIT; if the
   * transaction fails after all, the game is forgotten so the cache never runs ahead of the file.
   */
  private writing(gameId: string | null, fn: () => Outcome): Outcome {
    let touched = gameId;
    try {
      return this.store.write(() => {
        const outcome = fn();
        touched = outcome.state?.id ?? touched;
        return outcome;
      });
    } catch (err) {
      if (touched !== null) this.cache.forget(touched);
      throw err;
    }
  }

  /** The first answer given under this key and scope, returned again; only 2xx answers are kept. */
  private replayed(key: string | undefined, scope: string): Outcome | null {
    if (key === undefined) return null;
    const stored = this.store.answer(key, scope);
    if (!stored) return null;
    const id = (stored.body as { id?: unknown } | null)?.id;
    const state = typeof id === 'string' ? this.get(id) : null;
    return { status: stored.status, body: stored.body, changed: false, state };
  }

  private accepted(
    status: number,
    state: GameState,
    kind: Change['kind'],
    key?: string,
    scope?: string,
  ): Outcome {
    const venueSeq = this.store.nextVenueSeq();
    if (key !== undefined && scope !== undefined) {
      this.store.remember(key, scope, { status, body: state }, this.now().toISOString());
    }
    const finished = state.status === 'final';
    const change: Change = {
      gameId: state.id,
      board: state.board,
      version: state.version,
      venueSeq,
      kind,
      finished,
    };
    return { status, body: state, changed: true, state, change };
  }

  private freshId(): string {
    for (let i = 0; i < 10; i++) {
      const id = this.newId();
      if (this.store.gameVersion(id) === null) return id;
    }
    throw new Error('Could not find an unused game id');
  }

  private stateOf(record: GameRecord | null): GameState | null {
    return record ? this.cache.current(record.id, record.version).game.state : null;
  }
}

/** decide() throws only on input the API should have refused (five bags in a round): a 400. */
function decideOrThrown(command: Command, state: GameState, at: string): Decision | Error {
  try {
    return decide(command, state, at);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}
