import type { SummaryRepository } from './summary.repository.js';

/**
 * Use cases of table `Summary` (section chat). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class SummaryService {
  constructor(
    protected readonly summaryRepository: SummaryRepository,
  ) {}
}
