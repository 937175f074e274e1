// What leaves the venue as files: one game as CSV, and every game with the boards as JSON.
import { SCHEMA_VERSION } from '../store/index.js';
import type { Store } from '../store/index.js';
import { gameCsv } from './csv.js';
import type { BoardQueues } from './queues.js';
import type { GameReads } from './reads.js';

export function exportGameCsv(reads: GameReads, gameId: string): string | null {
  const state = reads.get(gameId);
  return state ? gameCsv(state) : null;
}

/** Everything a venue holds, for a backup or a spreadsheet: each game's full state and the boards. */
export function exportVenueJson(store: Store, reads: GameReads, queues: BoardQueues, now: Date): unknown {
  return store.read(() => ({
    format: 'bagtrax-venue',
    schema: SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    venueSeq: store.venueSeq(),
    boardCount: queues.boardCount(),
    boards: queues.boards().map((b) => ({
      number: b.number,
      current: b.current?.id ?? null,
      queue: b.queue.map((q) => q.id),
      lastFinished: b.lastFinished?.id ?? null,
    })),
    games: store.games().map((r) => ({
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      state: reads.stateOf(r),
    })),
  }));
}
