import type { PartCategoryRepository } from './part-category.repository.js';

/**
 * Use cases of table `part_category` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class PartCategoryService {
  constructor(
    protected readonly partCategoryRepository: PartCategoryRepository,
  ) {}
}
