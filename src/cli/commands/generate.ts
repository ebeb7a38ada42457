import type { Command } from 'commander';
import type { GenerateOptions, GenerateResult } from '../../commands/generate.js';
import { UserError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { renderGeneratedFindings } from './generated-findings.js';
import { count } from '../count.js';
import { displayPath } from '../../display-path.js';
import type { Output } from '../output.js';
import { lockOptions, lockTimeoutOption } from './lock-timeout.js';

const collect = (value: string, previous: string[] | boolean | undefined): string[] => [...(Array.isArray(previous) ? previous : []), value];

export function registerGenerate(program: Command, context: CliContext): void {
  program
    .command('generate')
    .description('write the unified migration for schema changes, every section\'s Kysely types, and missing stubs')
    .option('--name <name>', 'name the new migration (0003_<name>.sql)')
    .option('--rename <spec>', 'answer a rename question: <table>.<old>=<new> or <old_table>=<new_table> (repeatable)', collect)
    .option('--no-rename', 'treat removed-and-added tables/columns as drop and create')
    .option('--shadow-url <url>', 'run the migrations on this PostgreSQL server instead of the embedded PGlite (never your working database)')
    .option('--dry-run', 'print what would change; write nothing')
    .option('--force', 'regenerate scaffolded files even if they exist')
    .option('--prune', 'remove stubs of tables gone from their section that are still as scaffolded (with --force, edited ones too)')
    .option('--rebase', 'renumber migrations from another branch after the journal\'s and regenerate them')
    .option('--watch', 'regenerate whenever the config or a schema changes (Ctrl-C to stop)')
    .option('--check', 'alias of `sections check` (like kysely-codegen --verify): compare, write nothing')
    .option('--rehash', 'accept edits of generated migrations (record their new hashes in sections.sum)')
    .option('--safe', 'write index creations on existing tables as a second migration that builds them CONCURRENTLY (outside a transaction)')
    .option('--custom', 'write a migration for your own SQL (like drizzle-kit generate --custom); it takes any schema change, for you to write')
    .addOption(lockTimeoutOption())
    .addHelpText('after', '\nExamples:\n  $ sections generate\n  $ sections generate --name add_vendor_rating\n  $ sections generate --rename vendor_profile.business_name=company_name\n  $ sections generate --custom --name auth_functions')
    .action(async (flags: { name?: string; rename?: string[] | false; shadowUrl?: string; dryRun?: boolean; force?: boolean; rebase?: boolean; rehash?: boolean; safe?: boolean; custom?: boolean; prune?: boolean; check?: boolean; watch?: boolean; lockTimeout: number }) => {
      if (flags.check) {
        const { runCheckAction } = await import('./check.js');
        return runCheckAction(context, flags.shadowUrl, flags.lockTimeout);
      }
      // commander keeps whichever of the two came last; together they contradict each other.
      if (context.argv.includes('--no-rename') && context.argv.some((arg) => arg === '--rename' || arg.startsWith('--rename='))) {
        throw new UserError('--rename and --no-rename contradict each other: pick one');
      }
      const global = context.global();
      const output = context.output();
      const options = {
        cwd: global.cwd,
        config: global.config,
        name: flags.name,
        renames: Array.isArray(flags.rename) ? flags.rename : [],
        noRename: flags.rename === false,
        shadowUrl: flags.shadowUrl,
        dryRun: flags.dryRun,
        force: flags.force,
        prune: flags.prune,
        rebase: flags.rebase,
        rehash: flags.rehash,
        safe: flags.safe,
        custom: flags.custom,
        progress: (step: string) => output.progress(step),
        lock: lockOptions(flags.lockTimeout, output),
      };
      if (flags.watch) return watchAction(options, output);
      const { generate } = await import('../../commands/generate.js');
      const result = await generate(options);
      output.clearProgress();
      if (global.json) output.json({ ok: true, ...result });
      else renderGenerate(result, output, global.cwd);
    });
}

async function watchAction(options: GenerateOptions, output: Output): Promise<void> {
  const { watchGenerate } = await import('../../commands/watch-generate.js');
  const { describeError } = await import('../describe-error.js');
  const time = () => new Date().toLocaleTimeString();
  const watcher = await watchGenerate(options, {
    onResult: (result) => {
      output.clearProgress();
      const changed = result.files.filter((file) => file.status === 'created' || file.status === 'updated').length;
      const migration = result.migration ? `, migration ${result.migration.tag}` : '';
      output.info(`${output.color.dim(time())} generated: ${count(changed, 'file')} written${migration}`);
      for (const warning of result.warnings) output.warn(warning);
      renderGeneratedFindings(result.lint.findings, output, options.cwd);
    },
    onError: (error) => {
      output.clearProgress();
      for (const line of describeError(error)) output.error(`${output.color.dim(time())} ${line}`);
    },
  });
  output.info(output.color.dim('watching the config and schema folders; Ctrl-C to stop'));
  await new Promise<void>((resolve) => {
    // Ctrl-C closes the watcher (waiting for a run in progress, so its locks are released) before
    // the process ends, with exit code 0.
    const stop = () => {
      void watcher.close().then(() => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function renderGenerate(result: GenerateResult, output: Output, cwd: string): void {
  const { color } = output;
  const would = result.dryRun ? 'would be ' : '';
  for (const file of result.removed) output.info(`${color.yellow(result.dryRun ? 'would remove' : 'removed')} ${displayPath(cwd, file)} (regenerated after the others)`);
  for (const file of result.pruned) output.info(`${color.yellow(result.dryRun ? 'would remove' : 'removed')} ${displayPath(cwd, file)} (the stub of a table no longer in its section)`);
  if (result.migration?.custom) {
    const taken = result.changesTaken.length > 0 ? `, taking the schema change of ${result.changesTaken.join(', ')}` : '';
    output.info(`${color.green('migration')} ${displayPath(cwd, result.migration.file)} ${would}created (custom${taken}): write your SQL in it, then run \`sections generate --rehash\``);
  } else if (result.migration) {
    output.info(`${color.green('migration')} ${displayPath(cwd, result.migration.file)} ${would}created (${count(result.migration.statements, 'statement')}; ${result.migration.sections.join(', ')})`);
    if (result.indexMigration) {
      output.info(`${color.green('migration')} ${displayPath(cwd, result.indexMigration.file)} ${would}created (its index creations, built CONCURRENTLY outside a transaction)`);
    }
  } else {
    output.info(`${color.dim('migration')} no schema changes, no new migration`);
  }
  const width = Math.max(...result.sections.map((section) => section.name.length));
  for (const section of result.sections) {
    const status = section.types === 'unchanged' ? color.dim('unchanged') : color.green(`${would}${section.types}`);
    const tables = count(section.tables.length, 'table');
    output.info(`${color.bold(section.name.padEnd(width))}  ${tables.padEnd(10)} types ${status}  ${color.dim(displayPath(cwd, section.typesFile))}`);
    output.debug(`  ${section.tables.join(', ')}`);
  }
  const others = result.files.filter((file) => file.kind !== 'types' && file.status !== 'unchanged' && !['migration', 'snapshot', 'journal', 'sum'].includes(file.kind));
  for (const file of others) {
    output.info(`${file.status === 'kept' ? color.dim('kept') : color.green(`${would}${file.status}`)} ${file.kind} ${displayPath(cwd, file.path)}`);
  }
  for (const warning of result.warnings) output.warn(warning);
  renderGeneratedFindings(result.lint.findings, output, cwd);
  if (result.dryRun) output.info(color.yellow('dry run: nothing was written'));
}
