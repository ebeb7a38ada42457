import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/vendor/kysely-types.js';

export type VendorAnalytics = Selectable<DB['vendorAnalytics']>;
export type NewVendorAnalytics = Insertable<DB['vendorAnalytics']>;
export type VendorAnalyticsUpdate = Updateable<DB['vendorAnalytics']>;

/**
 * Queries of table `vendor_analytics` (section vendor), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class VendorAnalyticsRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: VendorAnalytics['id']): Promise<VendorAnalytics | undefined> {
    return this.db.selectFrom('vendorAnalytics').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: VendorAnalytics['id'], values: VendorAnalyticsUpdate): Promise<VendorAnalytics | undefined> {
    return this.db.updateTable('vendorAnalytics').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: VendorAnalytics['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('vendorAnalytics').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByVendorId(vendorId: VendorAnalytics['vendorId']): Promise<VendorAnalytics[]> {
    return this.db.selectFrom('vendorAnalytics').selectAll().where('vendorId', '=', vendorId).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<VendorAnalytics[]> {
    return this.db
      .selectFrom('vendorAnalytics')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewVendorAnalytics): Promise<VendorAnalytics> {
    return this.db.insertInto('vendorAnalytics').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
