// The one write pipeline: under the database's write lock, look the key up (replay or refuse a
// reuse), decide, then keep the answer beside the events it answers for; all in one transaction.
import type { Store } from '../store/index.js';
import type { GameCache } from './cache.js';
import type { Idempotency, KeyedRequest } from './idempotency.js';
import type { WriteResult } from './results.js';

export class WritePipeline {
  /** Told when a write's transaction has ended, committed or not (the tournaments' cache listens). */
  afterTransaction: (committed: boolean) => void = () => undefined;

  constructor(
    private readonly store: Store,
    private readonly cache: GameCache,
    private readonly idempotency: Idempotency,
  ) {}

  /**
   * Runs `decide` (which appends events and moves counters for an accepted write) in a write
   * transaction. The cache is updated inside, before COMMIT; if the transaction fails after all,
   * the game is forgotten so the cache never runs ahead of the file.
   */
  run(gameId: string | null, request: KeyedRequest | undefined, decide: () => WriteResult): WriteResult {
    let touched = gameId;
    let committed = false;
    try {
      const written = this.store.write((): WriteResult => {
        this.idempotency.prune();
        const again = request ? this.idempotency.recall(request) : null;
        if (again) return again;
        const result = decide();
        touched = result.answer.state?.id ?? touched;
        // Every answer decided here is kept, a refusal as much as an acceptance: the retry of a 409
        // gets the 409, even after the game has moved on.
        if (request) this.idempotency.remember(request, result.answer);
        return result;
      });
      committed = true;
      return written;
    } catch (err) {
      if (touched !== null) this.cache.forget(touched);
      throw err;
    } finally {
      this.afterTransaction(committed);
    }
  }
}
