import type { CustomerOrdersRepository } from './orders.repository.js';

/**
 * Use cases of table `customer_orders` (section customer). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class CustomerOrdersService {
  constructor(
    protected readonly customerOrdersRepository: CustomerOrdersRepository,
  ) {}
}
