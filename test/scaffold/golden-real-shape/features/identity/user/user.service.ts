import type { UserRepository } from './user.repository.js';

/**
 * Use cases of table `User` (section identity). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class UserService {
  constructor(
    protected readonly userRepository: UserRepository,
  ) {}
}
