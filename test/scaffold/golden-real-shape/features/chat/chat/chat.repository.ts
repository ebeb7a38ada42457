import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../db/chat/types.js';

export type Chat = Selectable<DB['Chat']>;
export type NewChat = Insertable<DB['Chat']>;
export type ChatUpdate = Updateable<DB['Chat']>;

/**
 * Queries of table `Chat` (section chat), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class ChatRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: Chat['id']): Promise<Chat | undefined> {
    return this.db.selectFrom('Chat').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: Chat['id'], values: ChatUpdate): Promise<Chat | undefined> {
    return this.db.updateTable('Chat').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: Chat['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('Chat').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: Chat['publicId']): Promise<Chat | undefined> {
    return this.db.selectFrom('Chat').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly Chat['publicId'][]): Promise<Chat[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('Chat').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  async findByUserId(userId: Chat['userId']): Promise<Chat[]> {
    return this.db.selectFrom('Chat').selectAll().where('userId', '=', userId).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<Chat[]> {
    return this.db
      .selectFrom('Chat')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewChat): Promise<Chat> {
    return this.db.insertInto('Chat').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
