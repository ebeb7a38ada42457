// Written by `sections generate` from the config's sections (core, vendor, customer) and rewritten when they
// change: edit a section's plugins in its own connections/<section>.ts.
import type { KyselyPlugin, Transaction } from 'kysely';
import type { DB as CoreDB } from '../db/core/types.js';
import type { DB as VendorDB } from '../db/vendor/types.js';
import type { DB as CustomerDB } from '../db/customer/types.js';
import { coreDb, corePlugins } from './core.js';
import { vendorPlugins } from './vendor.js';
import { customerPlugins } from './customer.js';

/** Every section's executor over one database transaction, each typed by its own section's types only. */
export interface SectionTransaction {
  readonly core: Transaction<CoreDB>;
  readonly vendor: Transaction<VendorDB>;
  readonly customer: Transaction<CustomerDB>;
}

/**
 * Runs `work` in one database transaction across sections: it commits when `work` resolves and
 * rolls back when it throws. Give each section's repositories that section's executor:
 * `new …Repository(tx.core)`.
 */
export function transaction<T>(work: (tx: SectionTransaction) => Promise<T>): Promise<T> {
  return coreDb.transaction().execute((trx) =>
    work({
      core: inSection(trx, corePlugins),
      vendor: inSection(trx, vendorPlugins),
      customer: inSection(trx, customerPlugins),
    }),
  );
}

/** The transaction's one connection, with a section's plugins and types. */
function inSection<DB, Begun>(trx: Transaction<Begun>, plugins: readonly KyselyPlugin[]): Transaction<DB> {
  return plugins.reduce((executor, plugin) => executor.withPlugin(plugin), trx.withoutPlugins()) as unknown as Transaction<DB>;
}
