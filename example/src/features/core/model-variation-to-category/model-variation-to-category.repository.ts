import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type ModelVariationToCategory = Selectable<DB['modelVariationToCategory']>;
export type NewModelVariationToCategory = Insertable<DB['modelVariationToCategory']>;
export type ModelVariationToCategoryUpdate = Updateable<DB['modelVariationToCategory']>;

/**
 * Queries of table `model_variation_to_category` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class ModelVariationToCategoryRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(key: Pick<ModelVariationToCategory, 'modelVariationId' | 'categoryId'>): Promise<ModelVariationToCategory | undefined> {
    return this.db.selectFrom('modelVariationToCategory').selectAll().where('modelVariationId', '=', key.modelVariationId).where('categoryId', '=', key.categoryId).executeTakeFirst();
  }

  async update(key: Pick<ModelVariationToCategory, 'modelVariationId' | 'categoryId'>, values: ModelVariationToCategoryUpdate): Promise<ModelVariationToCategory | undefined> {
    return this.db.updateTable('modelVariationToCategory').set(values).where('modelVariationId', '=', key.modelVariationId).where('categoryId', '=', key.categoryId).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(key: Pick<ModelVariationToCategory, 'modelVariationId' | 'categoryId'>): Promise<boolean> {
    const result = await this.db.deleteFrom('modelVariationToCategory').where('modelVariationId', '=', key.modelVariationId).where('categoryId', '=', key.categoryId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByModelVariationId(modelVariationId: ModelVariationToCategory['modelVariationId']): Promise<ModelVariationToCategory[]> {
    return this.db.selectFrom('modelVariationToCategory').selectAll().where('modelVariationId', '=', modelVariationId).orderBy('modelVariationId').orderBy('categoryId').execute();
  }

  async findByCategoryId(categoryId: ModelVariationToCategory['categoryId']): Promise<ModelVariationToCategory[]> {
    return this.db.selectFrom('modelVariationToCategory').selectAll().where('categoryId', '=', categoryId).orderBy('modelVariationId').orderBy('categoryId').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<ModelVariationToCategory[]> {
    return this.db
      .selectFrom('modelVariationToCategory')
      .selectAll()
      .orderBy('modelVariationId').orderBy('categoryId')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewModelVariationToCategory): Promise<ModelVariationToCategory> {
    return this.db.insertInto('modelVariationToCategory').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
