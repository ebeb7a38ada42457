import type { VendorAnalyticsRepository } from './analytics.repository.js';

/**
 * Use cases of table `vendor_analytics` (section vendor). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class VendorAnalyticsService {
  constructor(
    protected readonly vendorAnalyticsRepository: VendorAnalyticsRepository,
  ) {}
}
