import { Migration } from '@mikro-orm/migrations';
import { dialectOf } from './sql-dialect.js';

/** A column a table gained after its first release, for databases made before. */
export interface LaterColumn {
  table: string;
  column: string;
  postgresql: string;
  sqlite: string;
}

export interface SchemaStatements {
  postgresql: readonly string[];
  sqlite: readonly string[];
  /** Added where missing, after the statements (the tables' create statements already have them). */
  laterColumns?: readonly LaterColumn[];
}

/**
 * A migration that runs hand-checked statements for the host's database. A feature module's
 * schema is written `if not exists`, and its later columns are added only where missing: a
 * database made before the features were split (when the core created every table, in steps)
 * converges to the same schema, and one made by the current core runs it as a no-op.
 */
export abstract class SchemaStatementsMigration extends Migration {
  protected abstract readonly statements: SchemaStatements;

  override async up(): Promise<void> {
    const dialect = dialectOf(this);
    for (const statement of this.statements[dialect]) this.addSql(statement);
    for (const later of this.statements.laterColumns ?? []) {
      if (dialect === 'postgresql') {
        this.addSql(
          `alter table "${later.table}" add column if not exists "${later.column}" ${later.postgresql}`,
        );
      } else if (!(await this.sqliteColumnExists(later.table, later.column))) {
        this.addSql(
          `alter table \`${later.table}\` add column \`${later.column}\` ${later.sqlite}`,
        );
      }
    }
  }

  /** SQLite has no `add column if not exists`; a table made just now by this migration has it. */
  private async sqliteColumnExists(table: string, column: string): Promise<boolean> {
    const tables = await this.execute('select 1 from sqlite_master where type = ? and name = ?', [
      'table',
      table,
    ]);
    if (tables.length === 0) return true;
    const found = await this.execute('select 1 from pragma_table_info(?) where name = ?', [
      table,
      column,
    ]);
    return found.length > 0;
  }
}
