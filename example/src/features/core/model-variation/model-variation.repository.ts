import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type ModelVariation = Selectable<DB['modelVariation']>;
export type NewModelVariation = Insertable<DB['modelVariation']>;
export type ModelVariationUpdate = Updateable<DB['modelVariation']>;

/**
 * Queries of table `model_variation` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class ModelVariationRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: ModelVariation['id']): Promise<ModelVariation | undefined> {
    return this.db.selectFrom('modelVariation').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: ModelVariation['id'], values: ModelVariationUpdate): Promise<ModelVariation | undefined> {
    return this.db.updateTable('modelVariation').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: ModelVariation['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('modelVariation').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: ModelVariation['publicId']): Promise<ModelVariation | undefined> {
    return this.db.selectFrom('modelVariation').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly ModelVariation['publicId'][]): Promise<ModelVariation[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('modelVariation').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  async findByModelId(modelId: ModelVariation['modelId']): Promise<ModelVariation[]> {
    return this.db.selectFrom('modelVariation').selectAll().where('modelId', '=', modelId).orderBy('id').execute();
  }

  async findByBodyStyleId(bodyStyleId: ModelVariation['bodyStyleId']): Promise<ModelVariation[]> {
    return this.db.selectFrom('modelVariation').selectAll().where('bodyStyleId', '=', bodyStyleId).orderBy('id').execute();
  }

  async findByColorId(colorId: ModelVariation['colorId']): Promise<ModelVariation[]> {
    return this.db.selectFrom('modelVariation').selectAll().where('colorId', '=', colorId).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<ModelVariation[]> {
    return this.db
      .selectFrom('modelVariation')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewModelVariation): Promise<ModelVariation> {
    return this.db.insertInto('modelVariation').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
