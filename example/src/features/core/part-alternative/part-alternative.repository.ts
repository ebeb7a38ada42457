import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type PartAlternative = Selectable<DB['partAlternative']>;
export type NewPartAlternative = Insertable<DB['partAlternative']>;
export type PartAlternativeUpdate = Updateable<DB['partAlternative']>;

/**
 * Queries of table `part_alternative` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class PartAlternativeRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: PartAlternative['id']): Promise<PartAlternative | undefined> {
    return this.db.selectFrom('partAlternative').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: PartAlternative['id'], values: PartAlternativeUpdate): Promise<PartAlternative | undefined> {
    return this.db.updateTable('partAlternative').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: PartAlternative['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('partAlternative').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPartId(partId: PartAlternative['partId']): Promise<PartAlternative[]> {
    return this.db.selectFrom('partAlternative').selectAll().where('partId', '=', partId).orderBy('id').execute();
  }

  async findByAlternativePartId(alternativePartId: PartAlternative['alternativePartId']): Promise<PartAlternative[]> {
    return this.db.selectFrom('partAlternative').selectAll().where('alternativePartId', '=', alternativePartId).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<PartAlternative[]> {
    return this.db
      .selectFrom('partAlternative')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewPartAlternative): Promise<PartAlternative> {
    return this.db.insertInto('partAlternative').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
