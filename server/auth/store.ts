// Where access lives on disk: the PINs (in the venue's settings) and the sessions table, on a
// connection of its own to the venue database, so every instance on one DATA_DIR agrees on who is
// signed in and a logout or sign-out reaches all of them at once.
import type { Sql } from '../store/db.js';
import { readSetting, writeSetting } from '../store/settings.js';
import { openDatabase } from '../store/store.js';

export type Role = 'keeper' | 'organiser';

export interface SettingsStore {
  setting(key: string): string | null;
  setSetting(key: string, value: string): void;
}

export interface SessionRow {
  role: Role;
  expiresAt: number;
}

export interface SignedIn {
  keeper: number;
  organiser: number;
}

export class AuthStore implements SettingsStore {
  private constructor(private readonly sql: Sql) {}

  /** Opens the venue database in `dataDir` (migrating it if this is the first to open it). */
  static open(dataDir: string): AuthStore {
    return new AuthStore(openDatabase(dataDir).sql);
  }

  setting(key: string): string | null {
    return readSetting(this.sql, key);
  }

  setSetting(key: string, value: string): void {
    writeSetting(this.sql, key, value);
  }

  /** Sets `key` only when no value is there yet, and returns the value in force (two instances may race). */
  settingOnce(key: string, value: string): string {
    return this.sql.write(() => {
      const current = this.setting(key);
      if (current !== null) return current;
      this.setSetting(key, value);
      return value;
    });
  }

  insertSession(id: string, role: Role, now: number, expiresAt: number): void {
    this.sql.write(() => {
      // Expired sign-ins are dropped as new ones come, so the table holds only live sessions.
      this.sql.run('DELETE FROM sessions WHERE expires_at <= :now', { now });
      this.sql.run(
        'INSERT INTO sessions (id, role, created_at, expires_at) VALUES (:id, :role, :now, :expiresAt)',
        { id, role, now, expiresAt },
      );
    });
  }

  session(id: string): SessionRow | null {
    const row = this.sql.one<{ role: string; expires_at: number }>(
      'SELECT role, expires_at FROM sessions WHERE id = :id',
      { id },
    );
    if (!row) return null;
    return { role: row.role === 'organiser' ? 'organiser' : 'keeper', expiresAt: row.expires_at };
  }

  deleteSession(id: string): void {
    this.sql.run('DELETE FROM sessions WHERE id = :id', { id });
  }

  /** Ends the live sessions of `roles` except `keep` (the one asking), and says how many of each. */
  deleteSessions(roles: readonly Role[], keep: string | null, now: number): SignedIn {
    return this.sql.write(() => {
      const ended: SignedIn = { keeper: 0, organiser: 0 };
      for (const role of roles) {
        ended[role] = this.sql.run(
          `DELETE FROM sessions WHERE role = :role AND id != :keep AND expires_at > :now`,
          { role, keep: keep ?? '', now },
        );
      }
      this.sql.run('DELETE FROM sessions WHERE expires_at <= :now', { now });
      return ended;
    });
  }

  signedIn(now: number): SignedIn {
    const count = (role: Role) =>
      this.sql.number('SELECT count(*) FROM sessions WHERE role = :role AND expires_at > :now', {
        role,
        now,
      }) ?? 0;
    return { keeper: count('keeper'), organiser: count('organiser') };
  }

  close(): void {
    this.sql.close();
  }
}
