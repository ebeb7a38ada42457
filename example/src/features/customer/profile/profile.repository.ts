import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/customer/kysely-types.js';

export type CustomerProfile = Selectable<DB['customerProfile']>;
export type NewCustomerProfile = Insertable<DB['customerProfile']>;
export type CustomerProfileUpdate = Updateable<DB['customerProfile']>;

/**
 * Queries of table `customer_profile` (section customer), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class CustomerProfileRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: CustomerProfile['id']): Promise<CustomerProfile | undefined> {
    return this.db.selectFrom('customerProfile').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: CustomerProfile['id'], values: CustomerProfileUpdate): Promise<CustomerProfile | undefined> {
    return this.db.updateTable('customerProfile').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: CustomerProfile['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('customerProfile').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: CustomerProfile['publicId']): Promise<CustomerProfile | undefined> {
    return this.db.selectFrom('customerProfile').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly CustomerProfile['publicId'][]): Promise<CustomerProfile[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('customerProfile').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<CustomerProfile[]> {
    return this.db
      .selectFrom('customerProfile')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewCustomerProfile): Promise<CustomerProfile> {
    return this.db.insertInto('customerProfile').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
