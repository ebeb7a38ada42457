import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../db/core/types.js';

export type Part = Selectable<DB['part']>;
export type NewPart = Insertable<DB['part']>;
export type PartUpdate = Updateable<DB['part']>;

/**
 * Queries of table `part` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class PartRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: Part['id']): Promise<Part | undefined> {
    return this.db.selectFrom('part').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: Part['id'], values: PartUpdate): Promise<Part | undefined> {
    return this.db.updateTable('part').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: Part['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('part').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: Part['publicId']): Promise<Part | undefined> {
    return this.db.selectFrom('part').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly Part['publicId'][]): Promise<Part[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('part').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  async findByOwnerId(ownerId: Part['ownerId']): Promise<Part[]> {
    return this.db.selectFrom('part').selectAll().where('ownerId', '=', ownerId).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<Part[]> {
    return this.db
      .selectFrom('part')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewPart): Promise<Part> {
    return this.db.insertInto('part').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
