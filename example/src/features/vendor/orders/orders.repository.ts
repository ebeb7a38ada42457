import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/vendor/kysely-types.js';

export type VendorOrders = Selectable<DB['vendorOrders']>;
export type NewVendorOrders = Insertable<DB['vendorOrders']>;
export type VendorOrdersUpdate = Updateable<DB['vendorOrders']>;

/**
 * Queries of table `vendor_orders` (section vendor), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class VendorOrdersRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: VendorOrders['id']): Promise<VendorOrders | undefined> {
    return this.db.selectFrom('vendorOrders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: VendorOrders['id'], values: VendorOrdersUpdate): Promise<VendorOrders | undefined> {
    return this.db.updateTable('vendorOrders').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: VendorOrders['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('vendorOrders').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: VendorOrders['publicId']): Promise<VendorOrders | undefined> {
    return this.db.selectFrom('vendorOrders').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly VendorOrders['publicId'][]): Promise<VendorOrders[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('vendorOrders').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  async findByVendorId(vendorId: VendorOrders['vendorId']): Promise<VendorOrders[]> {
    return this.db.selectFrom('vendorOrders').selectAll().where('vendorId', '=', vendorId).orderBy('id').execute();
  }

  async findByInventoryId(inventoryId: VendorOrders['inventoryId']): Promise<VendorOrders[]> {
    return this.db.selectFrom('vendorOrders').selectAll().where('inventoryId', '=', inventoryId).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<VendorOrders[]> {
    return this.db
      .selectFrom('vendorOrders')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewVendorOrders): Promise<VendorOrders> {
    return this.db.insertInto('vendorOrders').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
