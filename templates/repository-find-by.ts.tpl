
  async findBy{{Column}}({{columnKey}}: {{Entity}}['{{columnKey}}']): Promise<{{Entity}}[]> {
    return this.db.selectFrom('{{tableKey}}').selectAll().where('{{columnKey}}', '=', {{columnKey}}){{orderBy}}.execute();
  }
