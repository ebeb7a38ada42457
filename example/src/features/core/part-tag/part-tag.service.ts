import type { PartTagRepository } from './part-tag.repository.js';

/**
 * Use cases of table `part_tag` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class PartTagService {
  constructor(
    protected readonly partTagRepository: PartTagRepository,
  ) {}
}
