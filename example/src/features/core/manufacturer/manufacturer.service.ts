import type { ManufacturerRepository } from './manufacturer.repository.js';

/**
 * Use cases of table `manufacturer` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class ManufacturerService {
  constructor(
    protected readonly manufacturerRepository: ManufacturerRepository,
  ) {}
}
