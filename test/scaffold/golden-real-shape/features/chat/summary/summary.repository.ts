import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../db/chat/types.js';

export type Summary = Selectable<DB['Summary']>;
export type NewSummary = Insertable<DB['Summary']>;
export type SummaryUpdate = Updateable<DB['Summary']>;

/**
 * Queries of table `Summary` (section chat), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class SummaryRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(key: Pick<Summary, 'id' | 'version'>): Promise<Summary | undefined> {
    return this.db.selectFrom('Summary').selectAll().where('id', '=', key.id).where('version', '=', key.version).executeTakeFirst();
  }

  async update(key: Pick<Summary, 'id' | 'version'>, values: SummaryUpdate): Promise<Summary | undefined> {
    return this.db.updateTable('Summary').set(values).where('id', '=', key.id).where('version', '=', key.version).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(key: Pick<Summary, 'id' | 'version'>): Promise<boolean> {
    const result = await this.db.deleteFrom('Summary').where('id', '=', key.id).where('version', '=', key.version).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<Summary[]> {
    return this.db
      .selectFrom('Summary')
      .selectAll()
      .orderBy('id').orderBy('version')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewSummary): Promise<Summary> {
    return this.db.insertInto('Summary').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
