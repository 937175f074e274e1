// An event log in a table of its own: a game's (game_events) or a tournament's (tournament_events),
// each event at its seq, its body JSON. Appending a taken seq fails the transaction: that is how two
// writers on one version are told apart.
import type { Sql } from './db.js';

export interface Logged<E> {
  seq: number;
  event: E;
}

export class EventLog<E extends { type: string; at: string }> {
  private readonly insert: string;
  private readonly select: string;

  /** `table` and `key` are this module's own constants, never a request's text. */
  constructor(
    private readonly sql: Sql,
    table: 'game_events' | 'tournament_events',
    key: 'game_id' | 'tournament_id',
  ) {
    this.insert = `INSERT INTO ${table} (${key}, seq, type, body, at) VALUES (:id, :seq, :type, :body, :at)`;
    this.select = `SELECT seq, body FROM ${table}
       WHERE ${key} = :id AND seq > :afterSeq AND seq <= :lastSeq ORDER BY seq`;
  }

  /** Appends `events` at seq `firstSeq`, `firstSeq + 1`, …; a taken seq fails the transaction. */
  append(id: string, firstSeq: number, events: readonly E[]): void {
    events.forEach((event, i) => {
      this.sql.run(this.insert, {
        id,
        seq: firstSeq + i,
        type: event.type,
        body: JSON.stringify(event),
        at: event.at,
      });
    });
  }

  /** The events after `afterSeq` up to `lastSeq` (all of them by default), in order. */
  read(id: string, afterSeq = -1, lastSeq = Number.MAX_SAFE_INTEGER): Array<Logged<E>> {
    return this.sql
      .all<{ seq: number; body: string }>(this.select, { id, afterSeq, lastSeq })
      .map((row) => ({ seq: row.seq, event: JSON.parse(row.body) as E }));
  }
}
