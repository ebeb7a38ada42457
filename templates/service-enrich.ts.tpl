
  /**
   * Attaches each row's {{refTable}} (section {{refSection}}), found by `{{column}}`, loading all of
   * them in one query.
   */
  async with{{Label}}<Row extends { {{columnKey}}: string | null }>(rows: readonly Row[]): Promise<(Row & { {{label}}: {{RefEntity}} | undefined })[]> {
    const publicIds = [...new Set(rows.flatMap((row) => (row.{{columnKey}} === null ? [] : [row.{{columnKey}}])))];
    const found = new Map((await this.{{refVar}}Repository.findByPublicIds(publicIds)).map((item) => [item.{{refPublicIdKey}}, item]));
    return rows.map((row) => ({ ...row, {{label}}: row.{{columnKey}} === null ? undefined : found.get(row.{{columnKey}}) }));
  }
