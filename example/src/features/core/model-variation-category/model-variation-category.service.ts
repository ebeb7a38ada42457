import type { ModelVariationCategoryRepository } from './model-variation-category.repository.js';

/**
 * Use cases of table `model_variation_category` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class ModelVariationCategoryService {
  constructor(
    protected readonly modelVariationCategoryRepository: ModelVariationCategoryRepository,
  ) {}
}
