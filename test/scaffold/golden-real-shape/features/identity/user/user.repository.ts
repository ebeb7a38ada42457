import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../db/identity/types.js';

export type User = Selectable<DB['User']>;
export type NewUser = Insertable<DB['User']>;
export type UserUpdate = Updateable<DB['User']>;

/**
 * Queries of table `User` (section identity), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class UserRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: User['id']): Promise<User | undefined> {
    return this.db.selectFrom('User').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: User['id'], values: UserUpdate): Promise<User | undefined> {
    return this.db.updateTable('User').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: User['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('User').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: User['publicId']): Promise<User | undefined> {
    return this.db.selectFrom('User').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly User['publicId'][]): Promise<User[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('User').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<User[]> {
    return this.db
      .selectFrom('User')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewUser): Promise<User> {
    return this.db.insertInto('User').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
