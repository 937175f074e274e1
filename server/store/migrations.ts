// The schema as a list of numbered steps, applied in order at open; PRAGMA user_version records
// the last step a database has seen, so an older file is brought up to date and a newer one refused.
import type { Sql } from './db.js';

export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      -- n is the creation order, which is also the order of a board's queue.
      CREATE TABLE games (
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        board INTEGER,
        created_at TEXT NOT NULL,
        started_at TEXT,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'live' CHECK (status IN ('live', 'final')),
        home_name TEXT NOT NULL,
        away_name TEXT NOT NULL,
        home_score INTEGER NOT NULL DEFAULT 0,
        away_score INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE game_events (
        game_id TEXT NOT NULL REFERENCES games (id),
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        body TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (game_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE idempotency (
        key TEXT NOT NULL,
        scope TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (key, scope)
      ) WITHOUT ROWID;
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE venue_seq (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
      INSERT INTO venue_seq (id, value) VALUES (1, 0);
    `,
  },
  {
    version: 2,
    sql: `
      -- When a game ended, so a board can show its latest result; older finals take their last write.
      ALTER TABLE games ADD COLUMN finished_at TEXT;
      UPDATE games SET finished_at = updated_at WHERE status = 'final';
      CREATE INDEX games_by_board ON games (board, n);
    `,
  },
  {
    version: 3,
    sql: `
      -- An idempotent answer keeps what it takes to answer again, not a copy of the game: the status,
      -- the game and the version the answer was built from (its state is the log folded that far),
      -- and a refusal's code and sentence. One key per request anywhere: the fingerprint is a hash
      -- of method, path and body. "at" is milliseconds since 1970, for pruning after a day.
      CREATE TABLE answers (
        key TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        legacy_scope TEXT,
        status INTEGER NOT NULL,
        game_id TEXT REFERENCES games (id) ON DELETE CASCADE,
        version INTEGER,
        code TEXT,
        error TEXT,
        at INTEGER NOT NULL
      ) WITHOUT ROWID;
      -- Schema 2 kept only 2xx answers, each with the whole game, per (key, method + path): the game
      -- and version come out of the copy; with no body on record, such a key matches its method and
      -- path (legacy_scope); the new-game form's keys were kept under the API's path. A key kept
      -- under two paths keeps its first answer.
      INSERT OR IGNORE INTO answers (key, fingerprint, legacy_scope, status, game_id, version, at)
        SELECT key, '', CASE WHEN key LIKE 'form:%' THEN 'POST /host/games' ELSE scope END, status, json_extract(body, '$.id'), json_extract(body, '$.version'),
               CAST(round((julianday(created_at) - 2440587.5) * 86400000) AS INTEGER)
        FROM idempotency
        WHERE json_extract(body, '$.id') IN (SELECT id FROM games)
        ORDER BY created_at;
      DROP TABLE idempotency;
    `,
  },
  {
    version: 4,
    sql: `
      -- Sign-ins kept server-side, so every instance on this database agrees and a logout ends one at
      -- once. Only a digest of each token is kept: the file alone signs nobody in.
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('keeper', 'organiser')),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);
      -- A removed game keeps its log (it can be brought back) but is gone from every surface.
      ALTER TABLE games ADD COLUMN removed_at TEXT;
    `,
  },
  {
    version: 5,
    sql: `
      -- A board's line: the games that have not started wait in lane order, and the board plays the
      -- started game with the highest lane. Creation order until now, so older files read the same;
      -- a move, a start, a restore or a reordered queue gives a game another lane.
      ALTER TABLE games ADD COLUMN lane INTEGER;
      UPDATE games SET lane = n;
      CREATE INDEX games_by_lane ON games (board, lane);
    `,
  },
  {
    version: 6,
    sql: `
      -- Tournaments, each its event log like a game (version = the last seq; 0 is the creation), and
      -- a row with what lists need. A called match is a game: its row names the tournament and the
      -- match. An idempotent answer about a tournament keeps the tournament and its version.
      CREATE TABLE tournaments (
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        format TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'setup' CHECK (status IN ('setup', 'live', 'final')),
        teams INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE tournament_events (
        tournament_id TEXT NOT NULL REFERENCES tournaments (id),
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        body TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (tournament_id, seq)
      ) WITHOUT ROWID;
      ALTER TABLE games ADD COLUMN tournament_id TEXT REFERENCES tournaments (id);
      ALTER TABLE games ADD COLUMN match_id TEXT;
      CREATE INDEX games_by_match ON games (tournament_id, match_id);
      ALTER TABLE answers ADD COLUMN tournament_id TEXT REFERENCES tournaments (id);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export class SchemaTooNewError extends Error {
  readonly code = 'schema_too_new';

  constructor(
    readonly found: number,
    readonly known: number,
    file: string,
  ) {
    super(
      `This database was written by a newer BagTrax (schema ${found}); this version understands up to ${known}. ` +
        `Open it with the newer version, or point DATA_DIR elsewhere (${file}).`,
    );
    this.name = 'SchemaTooNewError';
  }
}

export function schemaVersion(sql: Sql): number {
  return sql.number('PRAGMA user_version') ?? 0;
}

/**
 * Brings the database up to `target` (the latest by default; tests stop early to build old files).
 * The steps run under the write lock, so two processes opening one new file migrate it once.
 */
export function migrate(sql: Sql, file: string, target: number = SCHEMA_VERSION): void {
  const check = (found: number): void => {
    if (found > SCHEMA_VERSION) throw new SchemaTooNewError(found, SCHEMA_VERSION, file);
  };
  const before = schemaVersion(sql);
  check(before);
  if (before >= target) return;
  sql.write(() => {
    const current = schemaVersion(sql);
    check(current);
    for (const step of MIGRATIONS) {
      if (step.version <= current || step.version > target) continue;
      sql.db.exec(step.sql);
      // user_version lives in the file header, so it commits or rolls back with the step.
      sql.db.exec(`PRAGMA user_version = ${step.version}`);
    }
  });
}
