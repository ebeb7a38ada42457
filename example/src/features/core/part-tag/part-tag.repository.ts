import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type PartTag = Selectable<DB['partTag']>;
export type NewPartTag = Insertable<DB['partTag']>;
export type PartTagUpdate = Updateable<DB['partTag']>;

/**
 * Queries of table `part_tag` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class PartTagRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: PartTag['id']): Promise<PartTag | undefined> {
    return this.db.selectFrom('partTag').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: PartTag['id'], values: PartTagUpdate): Promise<PartTag | undefined> {
    return this.db.updateTable('partTag').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: PartTag['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('partTag').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPartId(partId: PartTag['partId']): Promise<PartTag[]> {
    return this.db.selectFrom('partTag').selectAll().where('partId', '=', partId).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<PartTag[]> {
    return this.db
      .selectFrom('partTag')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewPartTag): Promise<PartTag> {
    return this.db.insertInto('partTag').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
