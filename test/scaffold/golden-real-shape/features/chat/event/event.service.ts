import type { ChatEventRepository } from './event.repository.js';

/**
 * Use cases of table `ChatEvent` (section chat). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class ChatEventService {
  constructor(
    protected readonly chatEventRepository: ChatEventRepository,
  ) {}
}
