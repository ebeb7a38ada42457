import type { FileRepository } from './file.repository.js';

/**
 * Use cases of table `file` (section core). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class FileService {
  constructor(
    protected readonly fileRepository: FileRepository,
  ) {}
}
