
  async findByPublicId(publicId: {{Entity}}['{{publicIdKey}}']): Promise<{{Entity}} | undefined> {
    return this.db.selectFrom('{{tableKey}}').selectAll().where('{{publicIdKey}}', '=', publicId).executeTakeFirst();
  }

  /** Every row with one of these public ids, in one query (other sections enrich through this). */
  async findByPublicIds(publicIds: readonly {{Entity}}['{{publicIdKey}}'][]): Promise<{{Entity}}[]> {
    if (publicIds.length === 0) return [];
    return this.db.selectFrom('{{tableKey}}').selectAll().where('{{publicIdKey}}', 'in', [...publicIds]).execute();
  }
