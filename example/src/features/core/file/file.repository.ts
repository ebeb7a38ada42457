import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../shared/database/schemas/core/kysely-types.js';

export type File = Selectable<DB['file']>;
export type NewFile = Insertable<DB['file']>;
export type FileUpdate = Updateable<DB['file']>;

/**
 * Queries of table `file` (section core), typed by this section's types only. Give it
 * the section's Kysely instance, or its executor inside `transaction` (connections/transaction.ts).
 * Scaffolded by `sections generate`; yours to edit.
 */
export class FileRepository {
  constructor(private readonly db: Kysely<DB> | Transaction<DB>) {}

  async findById(id: File['id']): Promise<File | undefined> {
    return this.db.selectFrom('file').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: File['id'], values: FileUpdate): Promise<File | undefined> {
    return this.db.updateTable('file').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: File['id']): Promise<boolean> {
    const result = await this.db.deleteFrom('file').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findByPublicId(publicId: File['publicId']): Promise<File | undefined> {
    return this.db.selectFrom('file').selectAll().where('publicId', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly File['publicId'][]): Promise<File[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('file').selectAll().where('publicId', 'in', [...publicIds]).execute();
  }

  async findByUploadedById(uploadedById: File['uploadedById']): Promise<File[]> {
    return this.db.selectFrom('file').selectAll().where('uploadedById', '=', uploadedById).orderBy('id').execute();
  }

  /** A page of rows in a stable order. */
  async list(page: { limit?: number; offset?: number } = {}): Promise<File[]> {
    return this.db
      .selectFrom('file')
      .selectAll()
      .orderBy('id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
  }

  async create(values: NewFile): Promise<File> {
    return this.db.insertInto('file').values(values).returningAll().executeTakeFirstOrThrow();
  }
}
