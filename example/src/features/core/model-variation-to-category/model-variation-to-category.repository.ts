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

  async findByModelVariationId(modelVariationId: ModelVariationToCategory['modelVariationId']): Promise<ModelVariationToCategory[]> {
    return this.db.selectFrom('modelVariationToCategory').selectAll().where('modelVariationId', '=', modelVariationId).orderBy('modelVariationId').execute();
  }

  async findByCategoryId(categoryId: ModelVariationToCategory['categoryId']): Promise<ModelVariationToCategory[]> {
    return this.db.selectFrom('modelVariationToCategory').selectAll().where('categoryId', '=', categoryId).orderBy('modelVariationId').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<ModelVariationToCategory[]> {
    return this.db
      .selectFrom('modelVariationToCategory')
      .selectAll()
      .orderBy('modelVariationId')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewModelVariationToCategory): Promise<ModelVariationToCategory> {
    return this.db.insertInto('modelVariationToCategory').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
