import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type PartName = Selectable<DB['partName']>;
export type NewPartName = Insertable<DB['partName']>;
export type PartNameUpdate = Updateable<DB['partName']>;

/**
 * Queries of table `part_name` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class PartNameRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: PartName['id']): Promise<PartName | undefined> {
    return this.db.selectFrom('partName').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: PartName['id'], values: PartNameUpdate): Promise<PartName | undefined> {
    return this.db.updateTable('partName').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: PartName['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('partName').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: PartName['publicId']): Promise<PartName | undefined> {
    return this.db.selectFrom('partName').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly PartName['publicId'][]): Promise<PartName[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('partName').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<PartName[]> {
    return this.db
      .selectFrom('partName')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewPartName): Promise<PartName> {
    return this.db.insertInto('partName').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
