import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type BodyStyle = Selectable<DB['bodyStyle']>;
export type NewBodyStyle = Insertable<DB['bodyStyle']>;
export type BodyStyleUpdate = Updateable<DB['bodyStyle']>;

/**
 * Queries of table `body_style` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class BodyStyleRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: BodyStyle['id']): Promise<BodyStyle | undefined> {
    return this.db.selectFrom('bodyStyle').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: BodyStyle['id'], values: BodyStyleUpdate): Promise<BodyStyle | undefined> {
    return this.db.updateTable('bodyStyle').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: BodyStyle['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('bodyStyle').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: BodyStyle['publicId']): Promise<BodyStyle | undefined> {
    return this.db.selectFrom('bodyStyle').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly BodyStyle['publicId'][]): Promise<BodyStyle[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('bodyStyle').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<BodyStyle[]> {
    return this.db
      .selectFrom('bodyStyle')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewBodyStyle): Promise<BodyStyle> {
    return this.db.insertInto('bodyStyle').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
