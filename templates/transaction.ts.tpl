// Written by `sections generate` from the config's sections ({{sectionList}}) and rewritten when they
// change: edit a section's plugins in its own connections/<section>.ts.
import type { KyselyPlugin, Transaction } from 'kysely';
{{imports}}
/** Every section's executor over one database transaction, each typed by its own section's types only. */
export interface SectionTransaction {
{{fields}}
}

/**
 * Runs `work` in one database transaction across sections: it commits when `work` resolves and
 * rolls back when it throws. Give each section's repositories that section's executor:
 * `new …Repository(tx.{{firstSection}})`.
 */
export function transaction<T>(work: (tx: SectionTransaction) => Promise<T>): Promise<T> {
  return {{firstSection}}Db.transaction().execute((trx) =>
    work({
{{executors}}
    }),
  );
}

/** The transaction's one connection, with a section's plugins and types. */
function inSection<DB, Begun>(trx: Transaction<Begun>, plugins: readonly KyselyPlugin[]): Transaction<DB> {
  return plugins.reduce((executor, plugin) => executor.withPlugin(plugin), trx.withoutPlugins()) as unknown as Transaction<DB>;
}
