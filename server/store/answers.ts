// Idempotent answers on disk: one row per Idempotency-Key, small and of fixed shape (a status, the
// game and version the answer was built from, a refusal's code and sentence), never a game's copy.
import type { Sql } from './db.js';

export interface AnswerRecord {
  /** Hash of method, path and body; '' on rows migrated from schema 2, which match by scope. */
  fingerprint: string;
  /** Method and path of a row migrated from schema 2 (it kept no body); null otherwise. */
  legacyScope: string | null;
  status: number;
  /** The game the answer was about, when there is one. */
  gameId: string | null;
  /** The tournament the answer was about, when it was a tournament's write. */
  tournamentId: string | null;
  /** The game's (or the tournament's) version the answer's state was built from. */
  version: number | null;
  code: string | null;
  error: string | null;
}

interface AnswerRow {
  fingerprint: string;
  legacy_scope: string | null;
  status: number;
  game_id: string | null;
  tournament_id: string | null;
  version: number | null;
  code: string | null;
  error: string | null;
}

export class Answers {
  constructor(private readonly sql: Sql) {}

  find(key: string): AnswerRecord | null {
    const row = this.sql.one<AnswerRow>(
      `SELECT fingerprint, legacy_scope, status, game_id, tournament_id, version, code, error
       FROM answers WHERE key = :key`,
      { key },
    );
    if (!row) return null;
    // Field by field: a libsql row carries `_metadata`.
    return {
      fingerprint: row.fingerprint,
      legacyScope: row.legacy_scope,
      status: row.status,
      gameId: row.game_id,
      tournamentId: row.tournament_id,
      version: row.version,
      code: row.code,
      error: row.error,
    };
  }

  /** Keeps an answer under a key not used yet; a used key fails the transaction. */
  keep(key: string, record: Omit<AnswerRecord, 'legacyScope'>, atMs: number): void {
    this.sql.run(
      `INSERT INTO answers (key, fingerprint, status, game_id, tournament_id, version, code, error, at)
       VALUES (:key, :fingerprint, :status, :gameId, :tournamentId, :version, :code, :error, :at)`,
      { key, ...record, at: atMs },
    );
  }

  /** Forgets answers given before `beforeMs`; returns how many. */
  prune(beforeMs: number): number {
    return this.sql.run('DELETE FROM answers WHERE at < :before', { before: beforeMs });
  }

  count(): number {
    return this.sql.number('SELECT count(*) FROM answers') ?? 0;
  }
}
