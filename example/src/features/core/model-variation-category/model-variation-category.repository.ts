import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type ModelVariationCategory = Selectable<DB['modelVariationCategory']>;
export type NewModelVariationCategory = Insertable<DB['modelVariationCategory']>;
export type ModelVariationCategoryUpdate = Updateable<DB['modelVariationCategory']>;

/**
 * Queries of table `model_variation_category` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class ModelVariationCategoryRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: ModelVariationCategory['id']): Promise<ModelVariationCategory | undefined> {
    return this.db.selectFrom('modelVariationCategory').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: ModelVariationCategory['id'], values: ModelVariationCategoryUpdate): Promise<ModelVariationCategory | undefined> {
    return this.db.updateTable('modelVariationCategory').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: ModelVariationCategory['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('modelVariationCategory').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: ModelVariationCategory['publicId']): Promise<ModelVariationCategory | undefined> {
    return this.db.selectFrom('modelVariationCategory').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly ModelVariationCategory['publicId'][]): Promise<ModelVariationCategory[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('modelVariationCategory').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<ModelVariationCategory[]> {
    return this.db
      .selectFrom('modelVariationCategory')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewModelVariationCategory): Promise<ModelVariationCategory> {
    return this.db.insertInto('modelVariationCategory').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
