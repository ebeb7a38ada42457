import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/vendor/kysely-types.js';

export type VendorInventory = Selectable<DB['vendorInventory']>;
export type NewVendorInventory = Insertable<DB['vendorInventory']>;
export type VendorInventoryUpdate = Updateable<DB['vendorInventory']>;

/**
 * Queries of table `vendor_inventory` (section vendor), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class VendorInventoryRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: VendorInventory['id']): Promise<VendorInventory | undefined> {
    return this.db.selectFrom('vendorInventory').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: VendorInventory['id'], values: VendorInventoryUpdate): Promise<VendorInventory | undefined> {
    return this.db.updateTable('vendorInventory').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: VendorInventory['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('vendorInventory').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: VendorInventory['publicId']): Promise<VendorInventory | undefined> {
    return this.db.selectFrom('vendorInventory').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly VendorInventory['publicId'][]): Promise<VendorInventory[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('vendorInventory').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  async findByVendorId(vendorId: VendorInventory['vendorId']): Promise<VendorInventory[]> {
    return this.db.selectFrom('vendorInventory').selectAll().where('vendorId', '=', vendorId).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<VendorInventory[]> {
    return this.db
      .selectFrom('vendorInventory')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewVendorInventory): Promise<VendorInventory> {
    return this.db.insertInto('vendorInventory').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
