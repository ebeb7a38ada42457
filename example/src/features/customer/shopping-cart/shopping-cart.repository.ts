import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/customer/kysely-types.js';

export type ShoppingCart = Selectable<DB['shoppingCart']>;
export type NewShoppingCart = Insertable<DB['shoppingCart']>;
export type ShoppingCartUpdate = Updateable<DB['shoppingCart']>;

/**
 * Queries of table `shopping_cart` (section customer), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class ShoppingCartRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: ShoppingCart['id']): Promise<ShoppingCart | undefined> {
    return this.db.selectFrom('shoppingCart').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: ShoppingCart['id'], values: ShoppingCartUpdate): Promise<ShoppingCart | undefined> {
    return this.db.updateTable('shoppingCart').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: ShoppingCart['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('shoppingCart').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: ShoppingCart['publicId']): Promise<ShoppingCart | undefined> {
    return this.db.selectFrom('shoppingCart').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly ShoppingCart['publicId'][]): Promise<ShoppingCart[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('shoppingCart').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  async findByCustomerId(customerId: ShoppingCart['customerId']): Promise<ShoppingCart[]> {
    return this.db.selectFrom('shoppingCart').selectAll().where('customerId', '=', customerId).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<ShoppingCart[]> {
    return this.db
      .selectFrom('shoppingCart')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewShoppingCart): Promise<ShoppingCart> {
    return this.db.insertInto('shoppingCart').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
