import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type Model = Selectable<DB['model']>;
export type NewModel = Insertable<DB['model']>;
export type ModelUpdate = Updateable<DB['model']>;

/**
 * Queries of table `model` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class ModelRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: Model['id']): Promise<Model | undefined> {
    return this.db.selectFrom('model').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: Model['id'], values: ModelUpdate): Promise<Model | undefined> {
    return this.db.updateTable('model').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: Model['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('model').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: Model['publicId']): Promise<Model | undefined> {
    return this.db.selectFrom('model').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly Model['publicId'][]): Promise<Model[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('model').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  async findByManufacturerId(manufacturerId: Model['manufacturerId']): Promise<Model[]> {
    return this.db.selectFrom('model').selectAll().where('manufacturerId', '=', manufacturerId).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<Model[]> {
    return this.db
      .selectFrom('model')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewModel): Promise<Model> {
    return this.db.insertInto('model').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
