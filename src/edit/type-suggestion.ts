import leven from 'leven';

/**
 * What other databases and PostgreSQL's own aliases call the types `--column` knows: `int` is
 * PostgreSQL's name for integer, but `add-table` writes drizzle's builders, which have one name each.
 */
const ALIASES: Readonly<Record<string, string>> = {
  int: 'integer',
  int4: 'integer',
  int8: 'bigint',
  int2: 'smallint',
  serial4: 'serial',
  bool: 'boolean',
  string: 'text',
  str: 'text',
  json: 'jsonb',
  decimal: 'numeric(p,s)',
  char: 'varchar(n)',
  character: 'varchar(n)',
  datetime: 'timestamp',
  timestamp_tz: 'timestamptz',
};

/**
 * The type the user probably meant by an unknown one: an alias, else the known type (or the
 * section's enum) within a couple of typos.
 */
export function suggestType(unknown: string, known: readonly string[]): string | undefined {
  const name = unknown.toLowerCase().replace(/\(.*$/, '');
  const alias = ALIASES[name];
  if (alias) return alias;
  const allowed = Math.max(1, Math.floor(name.length / 3));
  const scored = known.map((candidate) => ({ candidate, distance: leven(name, candidate.replace(/\(.*$/, ''), { maxDistance: allowed + 1 }) }));
  const best = scored.filter((entry) => entry.distance <= allowed).sort((a, b) => a.distance - b.distance)[0];
  return best?.candidate;
}
