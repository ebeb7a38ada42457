
  async findById(id: {{Entity}}['{{idKey}}']): Promise<{{Entity}} | undefined> {
    return this.db.selectFrom('{{tableKey}}').selectAll().where('{{idKey}}', '=', id).executeTakeFirst();
  }

  async update(id: {{Entity}}['{{idKey}}'], values: {{Entity}}Update): Promise<{{Entity}} | undefined> {
    return this.db.updateTable('{{tableKey}}').set(values).where('{{idKey}}', '=', id).returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete(id: {{Entity}}['{{idKey}}']): Promise<boolean> {
    const result = await this.db.deleteFrom('{{tableKey}}').where('{{idKey}}', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
