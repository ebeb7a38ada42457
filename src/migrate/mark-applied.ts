import { UserError } from '../errors.js';
import type { MigrationEntry, MigrationFolder } from '../migrations/migration-folder.js';
import type { MigrationState } from './migration-state.js';

/**
 * What `migrate --baseline <tag>` records as applied without running it: every migration up to
 * and including `tag` that the ledger lacks, in journal order (the ones recorded already are
 * kept, so a second baseline records nothing). For a database whose tables exist already
 * (`drizzle-kit push`, a restored dump): the ledger then says what a real run would have said.
 *
 * Refused, naming the migration, when `tag` is not in the journal, when a later migration is
 * in the ledger already (the baseline would then sit below applied history), and when one to
 * keep is not cleanly applied (edited since, failed midway, its file missing).
 */
export function migrationsToBaseline(folder: MigrationFolder, states: readonly MigrationState[], tag: string): MigrationEntry[] {
  const index = folder.migrations.findIndex((migration) => migration.entry.tag === tag);
  if (index < 0) throw new UserError(`--baseline ${tag}: no migration with that name in the journal`);
  const stateOf = (migration: MigrationEntry) => states.find((state) => state.tag === migration.entry.tag)!;
  for (const later of folder.migrations.slice(index + 1)) {
    const state = stateOf(later);
    if (state.status === 'applied' || state.status === 'modified' || state.status === 'failed') {
      throw new UserError(`--baseline ${tag}: ${later.entry.tag}, after it, is already ${state.status === 'failed' ? 'recorded as failed' : 'applied'} in this database; a baseline only marks migrations older than everything applied`);
    }
  }
  const marked: MigrationEntry[] = [];
  for (const migration of folder.migrations.slice(0, index + 1)) {
    const state = stateOf(migration);
    switch (state.status) {
      case 'applied':
        break;
      case 'pending':
        marked.push(migration);
        break;
      case 'modified':
      case 'failed':
      case 'missing-locally':
        throw new UserError(`--baseline ${tag}: ${migration.entry.tag} is ${state.status} (${state.detail ?? 'see sections status'}); fix that first`);
    }
  }
  return marked;
}

/**
 * `migrate --resolve <tag> --applied` on a pending migration: allowed only when every earlier one
 * is in the ledger, so marking it never leaves a hole below it that `migrate` would fill later,
 * out of order, on a schema that already moved on.
 */
export function assertNoGapBefore(folder: MigrationFolder, states: readonly MigrationState[], tag: string): void {
  const index = folder.migrations.findIndex((migration) => migration.entry.tag === tag);
  for (const earlier of folder.migrations.slice(0, index)) {
    const state = states.find((candidate) => candidate.tag === earlier.entry.tag)!;
    if (state.status !== 'applied' && state.status !== 'modified') {
      throw new UserError(
        `--resolve ${tag} --applied: ${earlier.entry.tag}, before it, is ${state.status}; apply or resolve it first, or mark both with \`sections migrate --baseline ${tag}\``,
      );
    }
  }
}
