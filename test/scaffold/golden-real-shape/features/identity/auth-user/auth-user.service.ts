import type { AuthUserRepository } from './auth-user.repository.js';

/**
 * Use cases of table `auth.User` (section identity). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class AuthUserService {
  constructor(
    protected readonly authUserRepository: AuthUserRepository,
  ) {}
}
