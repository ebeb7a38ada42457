import type { ShoppingCartRepository } from './shopping-cart.repository.js';
import type { VendorInventory, VendorInventoryRepository } from '../../vendor/inventory/inventory.repository.js';

/**
 * Use cases of table `shopping_cart` (section customer). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class ShoppingCartService {
  constructor(
    protected readonly shoppingCartRepository: ShoppingCartRepository,
    protected readonly vendorInventoryRepository: VendorInventoryRepository,
  ) {}

  /**
   * Attaches each row's vendor_inventory (section vendor), found by `vendor_inventory_public_id`, loading all of
   * them in one query.
   */
  async withVendorInventory<Row extends { vendorInventoryPublicId: string | null }>(rows: readonly Row[]): Promise<(Row & { vendorInventory: VendorInventory | undefined })[]> {
    const publicIds = [...new Set(rows.flatMap((row) => (row.vendorInventoryPublicId === null ? [] : [row.vendorInventoryPublicId])))];
    const found = new Map((await this.vendorInventoryRepository.findByPublicIds(publicIds)).map((item) => [item.publicId, item]));
    return rows.map((row) => ({ ...row, vendorInventory: row.vendorInventoryPublicId === null ? undefined : found.get(row.vendorInventoryPublicId) }));
  }
}
