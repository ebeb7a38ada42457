import type { ModelRepository } from './model.repository.js';

/**
 * Use cases of table `model` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class ModelService {
  constructor(
    protected readonly modelRepository: ModelRepository,
  ) {}
}
