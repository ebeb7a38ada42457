import type { BodyStyleRepository } from './body-style.repository.js';

/**
 * Use cases of table `body_style` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class BodyStyleService {
  constructor(
    protected readonly bodyStyleRepository: BodyStyleRepository,
  ) {}
}
