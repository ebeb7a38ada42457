import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../db/identity/types.js';

export type AuthUser = Selectable<DB['auth.User']>;
export type NewAuthUser = Insertable<DB['auth.User']>;
export type AuthUserUpdate = Updateable<DB['auth.User']>;

/**
 * Queries of table `auth.User` (section identity), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class AuthUserRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: AuthUser['id']): Promise<AuthUser | undefined> {
    return this.db.selectFrom('auth.User').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: AuthUser['id'], values: AuthUserUpdate): Promise<AuthUser | undefined> {
    return this.db.updateTable('auth.User').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: AuthUser['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('auth.User').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: AuthUser['publicId']): Promise<AuthUser | undefined> {
    return this.db.selectFrom('auth.User').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly AuthUser['publicId'][]): Promise<AuthUser[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('auth.User').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<AuthUser[]> {
    return this.db
      .selectFrom('auth.User')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewAuthUser): Promise<AuthUser> {
    return this.db.insertInto('auth.User').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
