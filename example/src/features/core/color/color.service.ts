import type { ColorRepository } from './color.repository.js';

/**
 * Use cases of table `color` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class ColorService {
  constructor(
    protected readonly colorRepository: ColorRepository,
  ) {}
}
