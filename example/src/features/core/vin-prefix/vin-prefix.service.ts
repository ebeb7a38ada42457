import type { VinPrefixRepository } from './vin-prefix.repository.js';

/**
 * Use cases of table `vin_prefix` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class VinPrefixService {
  constructor(
    protected readonly vinPrefixRepository: VinPrefixRepository,
  ) {}
}
