import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type CategoryPart = Selectable<DB['categoryPart']>;
export type NewCategoryPart = Insertable<DB['categoryPart']>;
export type CategoryPartUpdate = Updateable<DB['categoryPart']>;

/**
 * Queries of table `category_part` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class CategoryPartRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: CategoryPart['id']): Promise<CategoryPart | undefined> {
    return this.db.selectFrom('categoryPart').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: CategoryPart['id'], values: CategoryPartUpdate): Promise<CategoryPart | undefined> {
    return this.db.updateTable('categoryPart').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: CategoryPart['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('categoryPart').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByCategoryId(categoryId: CategoryPart['categoryId']): Promise<CategoryPart[]> {
    return this.db.selectFrom('categoryPart').selectAll().where('categoryId', '=', categoryId).orderBy('id').execute();
  }

  async findByPartId(partId: CategoryPart['partId']): Promise<CategoryPart[]> {
    return this.db.selectFrom('categoryPart').selectAll().where('partId', '=', partId).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<CategoryPart[]> {
    return this.db
      .selectFrom('categoryPart')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewCategoryPart): Promise<CategoryPart> {
    return this.db.insertInto('categoryPart').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
