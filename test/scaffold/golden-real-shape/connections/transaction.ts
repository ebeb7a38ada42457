// Written by `sections generate` from the config's sections (identity, chat) and rewritten when they
// change: edit a section's plugins in its own connections/<section>.ts.
import type { KyselyPlugin, Transaction } from 'kysely';
import type { DB as IdentityDB } from '../db/identity/types.js';
import type { DB as ChatDB } from '../db/chat/types.js';
import { identityDb, identityPlugins } from './identity.js';
import { chatPlugins } from './chat.js';

/** Every section's executor over one database transaction, each typed by its own section's types only. */
export interface SectionTransaction {
  readonly identity: Transaction<IdentityDB>;
  readonly chat: Transaction<ChatDB>;
}

/**
 * Runs `work` in one database transaction across sections: it commits when `work` resolves and
 * rolls back when it throws. Give each section's repositories that section's executor:
 * `new …Repository(tx.identity)`.
 */
export function transaction<T>(work: (tx: SectionTransaction) => Promise<T>): Promise<T> {
  return identityDb.transaction().execute((trx) =>
    work({
      identity: inSection(trx, identityPlugins),
      chat: inSection(trx, chatPlugins),
    }),
  );
}

/** The transaction's one connection, with a section's plugins and types. */
function inSection<DB, Begun>(trx: Transaction<Begun>, plugins: readonly KyselyPlugin[]): Transaction<DB> {
  return plugins.reduce((executor, plugin) => executor.withPlugin(plugin), trx.withoutPlugins()) as unknown as Transaction<DB>;
}
