import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/vendor/kysely-types.js';

export type VendorProfile = Selectable<DB['vendorProfile']>;
export type NewVendorProfile = Insertable<DB['vendorProfile']>;
export type VendorProfileUpdate = Updateable<DB['vendorProfile']>;

/**
 * Queries of table `vendor_profile` (section vendor), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class VendorProfileRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: VendorProfile['id']): Promise<VendorProfile | undefined> {
    return this.db.selectFrom('vendorProfile').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: VendorProfile['id'], values: VendorProfileUpdate): Promise<VendorProfile | undefined> {
    return this.db.updateTable('vendorProfile').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: VendorProfile['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('vendorProfile').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: VendorProfile['publicId']): Promise<VendorProfile | undefined> {
    return this.db.selectFrom('vendorProfile').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly VendorProfile['publicId'][]): Promise<VendorProfile[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('vendorProfile').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<VendorProfile[]> {
    return this.db
      .selectFrom('vendorProfile')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewVendorProfile): Promise<VendorProfile> {
    return this.db.insertInto('vendorProfile').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
