/** A table as a config entry names it: `User`, `auth.users` (`public` unless qualified). */
export interface ConfiguredTable {
  readonly schema: string;
  readonly name: string;
}

/** `<table>` or `<schema>.<table>`, names kept as written: PostgreSQL's `"User"` is not `user`. */
export function parseTableName(text: string): ConfiguredTable {
  const dot = text.indexOf('.');
  return dot === -1 ? { schema: 'public', name: text } : { schema: text.slice(0, dot), name: text.slice(dot + 1) };
}
