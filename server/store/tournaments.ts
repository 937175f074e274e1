// Durable records of tournaments: a row each (what lists need) and the event log (the truth), kept
// beside the games in the same file so that a finished game and the tournament it advances commit in
// one transaction. Like the rest of the store it knows no rules.
import type { Format, TournamentEvent, TournamentStatus } from '../domain/tournament/index.js';
import type { Sql } from './db.js';
import { EventLog } from './event-log.js';

export interface TournamentRecord {
  id: string;
  name: string;
  format: Format;
  status: TournamentStatus;
  teams: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface StoredTournamentEvent {
  seq: number;
  event: TournamentEvent;
}

interface TournamentRow {
  id: string;
  name: string;
  format: string;
  status: string;
  teams: number;
  version: number;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, name, format, status, teams, version, created_at, updated_at';

// Field by field: a libsql row carries `_metadata`.
function toRecord(row: TournamentRow): TournamentRecord {
  return {
    id: row.id,
    name: row.name,
    format: row.format as Format,
    status: row.status as TournamentStatus,
    teams: row.teams,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class TournamentRecords {
  private readonly log: EventLog<TournamentEvent>;

  constructor(private readonly sql: Sql) {
    this.log = new EventLog(sql, 'tournament_events', 'tournament_id');
  }

  get(id: string): TournamentRecord | null {
    const row = this.sql.one<TournamentRow>(`SELECT ${COLUMNS} FROM tournaments WHERE id = :id`, { id });
    return row ? toRecord(row) : null;
  }

  version(id: string): number | null {
    return this.sql.number('SELECT version FROM tournaments WHERE id = :id', { id });
  }

  /** Every tournament, the latest created first. */
  all(): TournamentRecord[] {
    return this.sql.all<TournamentRow>(`SELECT ${COLUMNS} FROM tournaments ORDER BY n DESC`).map(toRecord);
  }

  /** Tournaments being played (their boards are called to by themselves). */
  live(): TournamentRecord[] {
    return this.sql
      .all<TournamentRow>(`SELECT ${COLUMNS} FROM tournaments WHERE status = 'live' ORDER BY n`)
      .map(toRecord);
  }

  insert(record: TournamentRecord, created: TournamentEvent): void {
    this.sql.run(
      `INSERT INTO tournaments (id, name, format, status, teams, version, created_at, updated_at)
       VALUES (:id, :name, :format, :status, :teams, :version, :createdAt, :updatedAt)`,
      { ...record },
    );
    this.append(record.id, 0, [created]);
  }

  /** The row after an accepted write: its version, status and time. */
  save(id: string, progress: Pick<TournamentRecord, 'version' | 'status' | 'updatedAt'>): void {
    this.sql.run(
      'UPDATE tournaments SET version = :version, status = :status, updated_at = :updatedAt WHERE id = :id',
      { id, ...progress },
    );
  }

  /** Appends `events` at seq `firstSeq`, `firstSeq + 1`, …; a taken seq fails the transaction. */
  append(id: string, firstSeq: number, events: readonly TournamentEvent[]): void {
    this.log.append(id, firstSeq, events);
  }

  /** Events after `afterSeq` up to `lastSeq` (all by default), in order. */
  events(id: string, afterSeq?: number, lastSeq?: number): StoredTournamentEvent[] {
    return this.log.read(id, afterSeq, lastSeq);
  }
}
