// The smallest in-memory storage brackets-manager needs (its CrudInterface), for the oracle test:
// tables of rows with numeric ids; filters match on equal fields (nested objects compared as JSON).
import type { CrudInterface, DataTypes, OmitId, Table } from 'brackets-manager';

type Row = Record<string, unknown> & { id: number };
type Id = DataTypes['match']['id'];

export class MemoryStorage implements CrudInterface {
  private tables = new Map<string, Row[]>();
  private nextIds = new Map<string, number>();

  private rows(table: string): Row[] {
    let rows = this.tables.get(table);
    if (rows === undefined) this.tables.set(table, (rows = []));
    return rows;
  }

  private matches(row: Row, filter: Record<string, unknown>): boolean {
    return Object.entries(filter).every(([k, v]) =>
      typeof v === 'object' && v !== null ? JSON.stringify(row[k]) === JSON.stringify(v) : row[k] === v,
    );
  }

  insert<T extends Table>(table: T, value: OmitId<DataTypes[T]>): Promise<Id>;
  insert<T extends Table>(table: T, values: OmitId<DataTypes[T]>[]): Promise<boolean>;
  async insert<T extends Table>(
    table: T,
    value: OmitId<DataTypes[T]> | OmitId<DataTypes[T]>[],
  ): Promise<Id | boolean> {
    const rows = this.rows(table);
    const add = (v: object) => {
      const id = this.nextIds.get(table) ?? 0;
      this.nextIds.set(table, id + 1);
      rows.push({ ...structuredClone(v), id } as Row);
      return id;
    };
    if (Array.isArray(value)) {
      value.forEach(add);
      return true;
    }
    return add(value);
  }

  select<T extends Table>(table: T): Promise<DataTypes[T][] | null>;
  select<T extends Table>(table: T, id: Id): Promise<DataTypes[T] | null>;
  select<T extends Table>(table: T, filter: Partial<DataTypes[T]>): Promise<DataTypes[T][] | null>;
  async select<T extends Table>(
    table: T,
    key?: Id | Partial<DataTypes[T]>,
  ): Promise<DataTypes[T] | DataTypes[T][] | null> {
    const rows = this.rows(table);
    if (key === undefined) return structuredClone(rows) as unknown as DataTypes[T][];
    if (typeof key === 'number' || typeof key === 'string') {
      const row = rows.find((r) => r.id === key);
      return row === undefined ? null : (structuredClone(row) as unknown as DataTypes[T]);
    }
    const found = rows.filter((r) => this.matches(r, key as Record<string, unknown>));
    return structuredClone(found) as unknown as DataTypes[T][];
  }

  update<T extends Table>(table: T, id: Id, value: DataTypes[T]): Promise<boolean>;
  update<T extends Table>(
    table: T,
    filter: Partial<DataTypes[T]>,
    value: Partial<DataTypes[T]>,
  ): Promise<boolean>;
  async update<T extends Table>(
    table: T,
    key: Id | Partial<DataTypes[T]>,
    value: DataTypes[T] | Partial<DataTypes[T]>,
  ): Promise<boolean> {
    const rows = this.rows(table);
    if (typeof key === 'number' || typeof key === 'string') {
      const index = rows.findIndex((r) => r.id === key);
      if (index < 0) return false;
      rows[index] = { ...structuredClone(value), id: rows[index]?.id ?? index } as Row;
      return true;
    }
    for (const [i, row] of rows.entries()) {
      if (this.matches(row, key as Record<string, unknown>))
        rows[i] = { ...row, ...structuredClone(value), id: row.id };
    }
    return true;
  }

  delete<T extends Table>(table: T): Promise<boolean>;
  delete<T extends Table>(table: T, filter: Partial<DataTypes[T]>): Promise<boolean>;
  async delete<T extends Table>(table: T, filter?: Partial<DataTypes[T]>): Promise<boolean> {
    if (filter === undefined) this.tables.set(table, []);
    else
      this.tables.set(
        table,
        this.rows(table).filter((r) => !this.matches(r, filter as Record<string, unknown>)),
      );
    return true;
  }
}
