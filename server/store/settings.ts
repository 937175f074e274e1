// The venue's settings table (board count, PINs, …): one key, one text value, read and written the
// same way by the games store and by the access store on its own connection.
import type { Sql } from './db.js';

export function readSetting(sql: Sql, key: string): string | null {
  return sql.one<{ value: string }>('SELECT value FROM settings WHERE key = :key', { key })?.value ?? null;
}

export function writeSetting(sql: Sql, key: string, value: string): void {
  sql.run(
    'INSERT INTO settings (key, value) VALUES (:key, :value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    { key, value },
  );
}
