import type { CategoryPartRepository } from './category-part.repository.js';

/**
 * Use cases of table `category_part` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class CategoryPartService {
  constructor(
    protected readonly categoryPartRepository: CategoryPartRepository,
  ) {}
}
