import type { ModelVariationToCategoryRepository } from './model-variation-to-category.repository.js';

/**
 * Use cases of table `model_variation_to_category` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class ModelVariationToCategoryService {
  constructor(
    protected readonly modelVariationToCategoryRepository: ModelVariationToCategoryRepository,
  ) {}
}
