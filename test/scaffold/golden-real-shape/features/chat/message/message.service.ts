import type { MessageRepository } from './message.repository.js';

/**
 * Use cases of table `Message` (section chat). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class MessageService {
  constructor(
    protected readonly messageRepository: MessageRepository,
  ) {}
}
