// Boards and their queues as the venue sees them: every board's current game, who waits, the last
// result; the number of boards; and starting a board's next game.
import type { GameState } from '../domain/index.js';
import type { Store } from '../store/index.js';
import { BOARD_COUNT_SETTING, MAX_BOARDS, boardSlots, isBoardNumber, parseBoardCount } from './boards.js';
import type { GameReads } from './reads.js';
import * as results from './results.js';
import type { Change, WriteResult } from './results.js';
import type { BoardView } from './types.js';

export class BoardQueues {
  constructor(
    private readonly store: Store,
    private readonly reads: GameReads,
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
      const a = queue[i]!;
      const b = queue[move === 'up' ? i - 1 : i + 1];
      const state = this.reads.stateOf(a) as GameState;
      if (b === undefined) return results.unchanged(this.reads.placed(state));
      this.store.place(a.id, b.lane, null);
      this.store.place(b.id, a.lane, null);
      return results.accepted(200, this.reads.placed(state), {
        gameId: a.id,
        board,
        version: state.version,
        venueSeq: this.store.nextVenueSeq(),
        kind: 'reordered',
        finished: false,
        placed: this.reads.waitingOn([board]),
      });
    });
  }
}
