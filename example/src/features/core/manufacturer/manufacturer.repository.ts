import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type Manufacturer = Selectable<DB['manufacturer']>;
export type NewManufacturer = Insertable<DB['manufacturer']>;
export type ManufacturerUpdate = Updateable<DB['manufacturer']>;

/**
 * Queries of table `manufacturer` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class ManufacturerRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: Manufacturer['id']): Promise<Manufacturer | undefined> {
    return this.db.selectFrom('manufacturer').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: Manufacturer['id'], values: ManufacturerUpdate): Promise<Manufacturer | undefined> {
    return this.db.updateTable('manufacturer').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: Manufacturer['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('manufacturer').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: Manufacturer['publicId']): Promise<Manufacturer | undefined> {
    return this.db.selectFrom('manufacturer').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly Manufacturer['publicId'][]): Promise<Manufacturer[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('manufacturer').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<Manufacturer[]> {
    return this.db
      .selectFrom('manufacturer')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewManufacturer): Promise<Manufacturer> {
    return this.db.insertInto('manufacturer').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
