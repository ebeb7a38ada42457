import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '{{typesImport}}';

export type {{Entity}} = Selectable<DB['{{tableKey}}']>;
export type New{{Entity}} = Insertable<DB['{{tableKey}}']>;
export type {{Entity}}Update = Updateable<DB['{{tableKey}}']>;

/**
 * Queries of table `{{table}}` (section {{section}}), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class {{Entity}}Repository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}
{{methods}}
  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<{{Entity}}[]> {
    return this.db
      .selectFrom('{{tableKey}}')
      .selectAll()
      {{orderBy}}
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: New{{Entity}}): Promise<{{Entity}}> {
    return this.db.insertInto('{{tableKey}}').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
