
  async findById({{keyParam}}: {{KeyType}}): Promise<{{Entity}} | undefined> {
    return this.db.selectFrom('{{tableKey}}').selectAll(){{keyWhere}}.executeTakeFirst();
  }

  async update({{keyParam}}: {{KeyType}}, values: {{Entity}}Update): Promise<{{Entity}} | undefined> {
    return this.db.updateTable('{{tableKey}}').set(values){{keyWhere}}.returningAll().executeTakeFirst();
  }

  /** True when a row was deleted. */
  async delete({{keyParam}}: {{KeyType}}): Promise<boolean> {
    const result = await this.db.deleteFrom('{{tableKey}}'){{keyWhere}}.executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
