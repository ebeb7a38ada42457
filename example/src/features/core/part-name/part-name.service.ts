import type { PartNameRepository } from './part-name.repository.js';

/**
 * Use cases of table `part_name` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class PartNameService {
  constructor(
    protected readonly partNameRepository: PartNameRepository,
  ) {}
}
