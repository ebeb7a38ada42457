import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../db/chat/types.js';

export type Message = Selectable<DB['Message']>;
export type NewMessage = Insertable<DB['Message']>;
export type MessageUpdate = Updateable<DB['Message']>;

/**
 * Queries of table `Message` (section chat), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class MessageRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(key: Pick<Message, 'id' | 'createdAt'>): Promise<Message | undefined> {
    return this.db.selectFrom('Message').selectAll().where('id', '=', key.id).where('createdAt', '=', key.createdAt).executeTakeFirst();
  }

  async update(key: Pick<Message, 'id' | 'createdAt'>, values: MessageUpdate): Promise<Message | undefined> {
    return this.db.updateTable('Message').set(values).where('id', '=', key.id).where('createdAt', '=', key.createdAt).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(key: Pick<Message, 'id' | 'createdAt'>): Promise<boolean> {
    const result = await this.db.deleteFrom('Message').where('id', '=', key.id).where('createdAt', '=', key.createdAt).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: Message['publicId']): Promise<Message | undefined> {
    return this.db.selectFrom('Message').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly Message['publicId'][]): Promise<Message[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('Message').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  async findByChatId(chatId: Message['chatId']): Promise<Message[]> {
    return this.db.selectFrom('Message').selectAll().where('chatId', '=', chatId).orderBy('id').orderBy('createdAt').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<Message[]> {
    return this.db
      .selectFrom('Message')
      .selectAll()
      .orderBy('id').orderBy('createdAt')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewMessage): Promise<Message> {
    return this.db.insertInto('Message').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
