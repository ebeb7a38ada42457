import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../db/customer/types.js';

export type Wishlist = Selectable<DB['wishlist']>;
export type NewWishlist = Insertable<DB['wishlist']>;
export type WishlistUpdate = Updateable<DB['wishlist']>;

/**
 * Queries of table `wishlist` (section customer), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class WishlistRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: Wishlist['id']): Promise<Wishlist | undefined> {
    return this.db.selectFrom('wishlist').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: Wishlist['id'], values: WishlistUpdate): Promise<Wishlist | undefined> {
    return this.db.updateTable('wishlist').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: Wishlist['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('wishlist').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<Wishlist[]> {
    return this.db
      .selectFrom('wishlist')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewWishlist): Promise<Wishlist> {
    return this.db.insertInto('wishlist').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
