import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type Color = Selectable<DB['color']>;
export type NewColor = Insertable<DB['color']>;
export type ColorUpdate = Updateable<DB['color']>;

/**
 * Queries of table `color` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class ColorRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: Color['id']): Promise<Color | undefined> {
    return this.db.selectFrom('color').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: Color['id'], values: ColorUpdate): Promise<Color | undefined> {
    return this.db.updateTable('color').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: Color['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('color').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: Color['publicId']): Promise<Color | undefined> {
    return this.db.selectFrom('color').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly Color['publicId'][]): Promise<Color[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('color').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<Color[]> {
    return this.db
      .selectFrom('color')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewColor): Promise<Color> {
    return this.db.insertInto('color').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
