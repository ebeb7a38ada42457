import type { ModelVariationRepository } from './model-variation.repository.js';

/**
 * Use cases of table `model_variation` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class ModelVariationService {
  constructor(
    protected readonly modelVariationRepository: ModelVariationRepository,
  ) {}
}
