import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type PartCategory = Selectable<DB['partCategory']>;
export type NewPartCategory = Insertable<DB['partCategory']>;
export type PartCategoryUpdate = Updateable<DB['partCategory']>;

/**
 * Queries of table `part_category` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class PartCategoryRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: PartCategory['id']): Promise<PartCategory | undefined> {
    return this.db.selectFrom('partCategory').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: PartCategory['id'], values: PartCategoryUpdate): Promise<PartCategory | undefined> {
    return this.db.updateTable('partCategory').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: PartCategory['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('partCategory').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: PartCategory['publicId']): Promise<PartCategory | undefined> {
    return this.db.selectFrom('partCategory').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly PartCategory['publicId'][]): Promise<PartCategory[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('partCategory').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<PartCategory[]> {
    return this.db
      .selectFrom('partCategory')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewPartCategory): Promise<PartCategory> {
    return this.db.insertInto('partCategory').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
