import type { ChatRepository } from './chat.repository.js';
import type { User, UserRepository } from '../../identity/user/user.repository.js';

/**
 * Use cases of table `Chat` (section chat). It may use other sections' repositories
 * and services, never their types or connections. Scaffolded by `sections generate`; yours to edit.
 */
export class ChatService {
  constructor(
    protected readonly chatRepository: ChatRepository,
    protected readonly userRepository: UserRepository,
  ) {}

  /**
   * Attaches each row's User (section identity), found by `userPublicId`, loading all of
   * them in one query.
   */
  async withUser<Row extends { userPublicId: string | null }>(rows: readonly Row[]): Promise<(Row & { user: User | undefined })[]> {
    const publicIds = [...new Set(rows.flatMap((row) => (row.userPublicId === null ? [] : [row.userPublicId])))];
    const found = new Map((await this.userRepository.findByPublicIds(publicIds)).map((item) => [item.publicId, item]));
    return rows.map((row) => ({ ...row, user: row.userPublicId === null ? undefined : found.get(row.userPublicId) }));
  }
}
