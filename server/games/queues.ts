// Boards and their queues as the venue sees them: every board's current game, who waits, the last
// result; the number of boards; and starting a board's next game.
import type { GameState } from '../domain/index.js';
import type { GameRecord, Store } from '../store/index.js';
import { BOARD_COUNT_SETTING, MAX_BOARDS, boardSlots, isBoardNumber, parseBoardCount } from './boards.js';
import type { WritePipeline } from './pipeline.js';
import type { GameReads } from './reads.js';
import * as results from './results.js';
import type { Change, WriteResult } from './results.js';
import type { BoardView, WriteOptions } from './types.js';

export class BoardQueues {
  constructor(
    private readonly store: Store,
    private readonly reads: GameReads,
    private readonly pipeline: WritePipeline,
    private readonly now: () => Date,
  ) {}

  boardCount(): number {
    return parseBoardCount(this.store.setting(BOARD_COUNT_SETTING));
  }

  boards(): BoardView[] {
    return this.store.read(() => {
      const count = this.boardCount();
      const onBoards = this.store.games().filter((r) => r.board !== null && r.board <= count);
      return Array.from({ length: count }, (_, i) => {
        const slots = boardSlots(onBoards.filter((r) => r.board === i + 1));
        return {
          number: i + 1,
          current: this.reads.stateOf(slots.current),
          queue: slots.queue.map((r) => ({
            id: r.id,
            home: { name: r.homeName },
            away: { name: r.awayName },
          })),
          lastFinished: this.reads.stateOf(slots.lastFinished),
        };
      });
    });
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

  /** Starting a game moves no version: the game's state is what it was, now on its board. */
  startNext(board: number): WriteResult {
    const count = this.boardCount();
    if (!isBoardNumber(board, count)) return results.badBoard(board, count);
    return this.store.write((): WriteResult => {
      const slots = boardSlots(this.store.gamesOnBoard(board));
      const current = this.reads.stateOf(slots.current);
      if (current?.status === 'live') return results.boardBusy(board, current);
      const next = slots.queue[0];
      if (next === undefined) return results.queueEmpty(board, current);
      this.store.markStarted(next.id, this.now().toISOString());
      const state = this.reads.stateOf(next) as GameState;
      return results.accepted(200, state, {
        gameId: state.id,
        board: state.board,
        version: state.version,
        venueSeq: this.store.nextVenueSeq(),
        kind: 'started',
        finished: state.status === 'final',
        // The started game's own pages leave their wait; the rest of the line moves up.
        placed: [state, ...this.reads.waitingOn([board])],
      });
    });
  }

  /** Moves a waiting game one place earlier or later in its board's line; the version moves not. */
  reorder(board: number, gameId: string, move: 'up' | 'down'): WriteResult {
    const count = this.boardCount();
    if (!isBoardNumber(board, count)) return results.badBoard(board, count);
    return this.store.write((): WriteResult => {
      const { queue } = boardSlots(this.store.gamesOnBoard(board));
      const i = queue.findIndex((r) => r.id === gameId);
      if (i < 0) return results.notQueued(board);
      return this.moveInLine(board, queue, i, move === 'up' ? i - 1 : i + 1);
    });
  }

  /**
   * Puts a waiting game at `position` in its board's line (1 is next; past the end, last), through the
   * write pipeline (Idempotency-Key, `expectedVersion` on the game's version). The version moves not.
   */
  placeInLine(gameId: string, position: number, opts: WriteOptions = {}): WriteResult {
    return this.pipeline.run(gameId, opts.request, (): WriteResult => {
      const state = this.reads.get(gameId);
      if (state === null) return results.notFound(gameId);
      const expected = opts.expectedVersion;
      if (expected !== undefined && expected !== state.version)
        return results.versionConflict(state, expected);
      if (state.queue === null) return results.notWaiting(state);
      const board = state.queue.board;
      const { queue } = boardSlots(this.store.gamesOnBoard(board));
      const from = queue.findIndex((r) => r.id === gameId);
      return this.moveInLine(board, queue, from, Math.min(position, queue.length) - 1);
    });
  }

  /**
   * The game at `from` in `queue` (the board's line, in order) goes to `to`; the others keep their
   * order. The line's lanes are handed out again in order, so games outside it are not touched.
   */
  private moveInLine(board: number, queue: GameRecord[], from: number, to: number): WriteResult {
    const moved = queue[from]!;
    const state = this.reads.stateOf(moved) as GameState;
    if (to < 0 || to >= queue.length || to === from) return results.unchanged(this.reads.placed(state));
    const order = queue.filter((_, i) => i !== from);
    order.splice(to, 0, moved);
    order.forEach((r, i) => {
      const lane = queue[i]!.lane;
      if (r.lane !== lane) this.store.place(r.id, lane, null);
    });
    return results.accepted(200, this.reads.placed(state), {
      gameId: moved.id,
      board,
      version: state.version,
      venueSeq: this.store.nextVenueSeq(),
      kind: 'reordered',
      finished: false,
      placed: this.reads.waitingOn([board]),
    });
  }
}
