import type { VendorProfileRepository } from './profile.repository.js';

/**
 * Use cases of table `vendor_profile` (section vendor). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class VendorProfileService {
  constructor(
    protected readonly vendorProfileRepository: VendorProfileRepository,
  ) {}
}
