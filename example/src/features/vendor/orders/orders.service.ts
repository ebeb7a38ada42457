import type { VendorOrdersRepository } from './orders.repository.js';
import type { CustomerOrders, CustomerOrdersRepository } from '../../customer/orders/orders.repository.js';

/**
 * Use cases of table `vendor_orders` (section vendor). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class VendorOrdersService {
  constructor(
    protected readonly vendorOrdersRepository: VendorOrdersRepository,
    protected readonly customerOrdersRepository: CustomerOrdersRepository,
  ) {}

  /**
   * Attaches each row's customer_orders (section customer), found by `customer_order_public_id`, loading all of
   * them in one query.
   */
  async withCustomerOrder<Row extends { customerOrderPublicId: string | null }>(rows: readonly Row[]): Promise<(Row & { customerOrder: CustomerOrders | undefined })[]> {
    const publicIds = [...new Set(rows.flatMap((row) => (row.customerOrderPublicId === null ? [] : [row.customerOrderPublicId])))];
    const found = new Map((await this.customerOrdersRepository.findByPublicIds(publicIds)).map((item) => [item.publicId, item]));
    return rows.map((row) => ({ ...row, customerOrder: row.customerOrderPublicId === null ? undefined : found.get(row.customerOrderPublicId) }));
  }
}
