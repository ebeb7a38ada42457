import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/customer/kysely-types.js';

export type CustomerOrders = Selectable<DB['customerOrders']>;
export type NewCustomerOrders = Insertable<DB['customerOrders']>;
export type CustomerOrdersUpdate = Updateable<DB['customerOrders']>;

/**
 * Queries of table `customer_orders` (section customer), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class CustomerOrdersRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: CustomerOrders['id']): Promise<CustomerOrders | undefined> {
    return this.db.selectFrom('customerOrders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: CustomerOrders['id'], values: CustomerOrdersUpdate): Promise<CustomerOrders | undefined> {
    return this.db.updateTable('customerOrders').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: CustomerOrders['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('customerOrders').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: CustomerOrders['publicId']): Promise<CustomerOrders | undefined> {
    return this.db.selectFrom('customerOrders').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly CustomerOrders['publicId'][]): Promise<CustomerOrders[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('customerOrders').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  async findByCustomerId(customerId: CustomerOrders['customerId']): Promise<CustomerOrders[]> {
    return this.db.selectFrom('customerOrders').selectAll().where('customerId', '=', customerId).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<CustomerOrders[]> {
    return this.db
      .selectFrom('customerOrders')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewCustomerOrders): Promise<CustomerOrders> {
    return this.db.insertInto('customerOrders').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
