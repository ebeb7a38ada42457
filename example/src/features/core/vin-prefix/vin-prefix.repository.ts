import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type VinPrefix = Selectable<DB['vinPrefix']>;
export type NewVinPrefix = Insertable<DB['vinPrefix']>;
export type VinPrefixUpdate = Updateable<DB['vinPrefix']>;

/**
 * Queries of table `vin_prefix` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class VinPrefixRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: VinPrefix['id']): Promise<VinPrefix | undefined> {
    return this.db.selectFrom('vinPrefix').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: VinPrefix['id'], values: VinPrefixUpdate): Promise<VinPrefix | undefined> {
    return this.db.updateTable('vinPrefix').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: VinPrefix['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('vinPrefix').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: VinPrefix['publicId']): Promise<VinPrefix | undefined> {
    return this.db.selectFrom('vinPrefix').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly VinPrefix['publicId'][]): Promise<VinPrefix[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('vinPrefix').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  async findByModelVariationId(modelVariationId: VinPrefix['modelVariationId']): Promise<VinPrefix[]> {
    return this.db.selectFrom('vinPrefix').selectAll().where('modelVariationId', '=', modelVariationId).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<VinPrefix[]> {
    return this.db
      .selectFrom('vinPrefix')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewVinPrefix): Promise<VinPrefix> {
    return this.db.insertInto('vinPrefix').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
