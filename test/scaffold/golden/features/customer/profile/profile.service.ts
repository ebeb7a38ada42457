import type { CustomerProfileRepository } from './profile.repository.js';

/**
 * Use cases of table `customer_profile` (section customer). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class CustomerProfileService {
  constructor(
    protected readonly customerProfileRepository: CustomerProfileRepository,
  ) {}
}
