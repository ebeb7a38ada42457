import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../db/chat/types.js';

export type ChatEvent = Selectable<DB['ChatEvent']>;
export type NewChatEvent = Insertable<DB['ChatEvent']>;
export type ChatEventUpdate = Updateable<DB['ChatEvent']>;

/**
 * Queries of table `ChatEvent` (section chat), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class ChatEventRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findByChatId(chatId: ChatEvent['chatId']): Promise<ChatEvent[]> {
    return this.db.selectFrom('ChatEvent').selectAll().where('chatId', '=', chatId).orderBy('chatId').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<ChatEvent[]> {
    return this.db
      .selectFrom('ChatEvent')
      .selectAll()
      .orderBy('chatId')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewChatEvent): Promise<ChatEvent> {
    return this.db.insertInto('ChatEvent').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
