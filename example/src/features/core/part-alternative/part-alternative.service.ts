import type { PartAlternativeRepository } from './part-alternative.repository.js';

/**
 * Use cases of table `part_alternative` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class PartAlternativeService {
  constructor(
    protected readonly partAlternativeRepository: PartAlternativeRepository,
  ) {}
}
