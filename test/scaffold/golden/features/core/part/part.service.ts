import type { PartRepository } from './part.repository.js';

/**
 * Use cases of table `part` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class PartService {
  constructor(
    protected readonly partRepository: PartRepository,
  ) {}
}
