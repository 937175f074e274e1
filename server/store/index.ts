// The embedded database's public face: the store, its records and the schema version it writes.
export { Store, DATABASE_FILE } from './store.js';
export type { GameHead, GameRecord, Progress, RemovedRecord, RosterEntry, StoredEvent } from './store.js';
export type { AnswerRecord } from './answers.js';
export { SCHEMA_VERSION, SchemaTooNewError, MIGRATIONS, migrate } from './migrations.js';
export { Sql, BUSY_TIMEOUT_MS } from './db.js';
export type { TournamentRecord, StoredTournamentEvent } from './tournaments.js';
