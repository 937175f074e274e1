// The one place that talks to libsql: opens the file with durable settings and offers small typed
// query helpers that sidestep libsql's sharp edges (rows carry `_metadata`, a lone null parameter).
import Database from 'libsql';

export type Params = Record<string, string | number | null>;

/** How long a writer waits for another process's transaction before giving up, in ms. */
export const BUSY_TIMEOUT_MS = 5000;

export class Sql {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  static open(file: string): Sql {
    const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    try {
      // WAL lets readers run beside the writer; FULL makes every commit survive a power cut,
      // which is what "durable before the answer" means for WAL.
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = FULL');
      db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.exec('PRAGMA foreign_keys = ON');
    } catch (err) {
      db.close();
      throw err;
    }
    return new Sql(db);
  }

  /**
   * Parameters always travel as one named object: libsql reads a single positional `null` as a
   * parameter object and fails, so positional binding is never used here.
   */
  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** The first row, or null. Callers pick the columns they need: a row is never handed on as is. */
  one<Row>(sql: string, params: Params = {}): Row | null {
    const row = this.statement(sql).get(params) as Row | undefined;
    return row ?? null;
  }

  all<Row>(sql: string, params: Params = {}): Row[] {
    return this.statement(sql).all(params) as Row[];
  }

  run(sql: string, params: Params = {}): number {
    return this.statement(sql).run(params).changes;
  }

  /** One number from the first column of the first row (`PRAGMA user_version`, `count(*)`). */
  number(sql: string, params: Params = {}): number | null {
    const row = this.statement(sql).raw(true).get(params) as unknown[] | undefined;
    this.statement(sql).raw(false);
    const value = row?.[0];
    return typeof value === 'number' ? value : value == null ? null : Number(value);
  }

  /**
   * Runs `fn` inside `BEGIN IMMEDIATE`: the write lock is taken up front, so two processes never
   * both read a version and then both try to write after it.
   */
  write<T>(fn: () => T): T {
    return this.transaction('IMMEDIATE', fn);
  }

  /** A consistent snapshot for multi-statement reads. */
  read<T>(fn: () => T): T {
    return this.transaction('DEFERRED', fn);
  }

  private transaction<T>(mode: 'IMMEDIATE' | 'DEFERRED', fn: () => T): T {
    if (this.db.inTransaction) {
      // A read inside a write already sees a consistent, locked view; a write inside a read
      // would have read without the lock, which is exactly the race BEGIN IMMEDIATE prevents.
      if (mode === 'DEFERRED') return fn();
      throw new Error('A write transaction cannot start inside another transaction');
    }
    this.db.exec(`BEGIN ${mode}`);
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  /**
   * Merges the WAL into the database file first: cached statements keep libsql's connection open
   * past close(), so SQLite's own checkpoint-on-close never runs and a stopped server would leave
   * its latest writes (up to ~4 MB) in bagtrax.db-wal. Busy (another process writing) is fine: the
   * last one out merges.
   */
  close(): void {
    if (this.db.open) {
      try {
        this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      } catch {
        // A read-only or busy file keeps its WAL; nothing is lost, SQLite replays it at open.
      }
    }
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}
