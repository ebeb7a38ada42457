import type { Command } from 'commander';
import type { InitResult, InitSections } from '../../commands/init.js';
import type { InitFromDrizzleResult } from '../../commands/init-from-drizzle.js';
import type { SplitRequest } from '../../edit/section-proposal.js';
import { displayPath } from '../../display-path.js';
import { UserError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { lockOptions, lockTimeoutOption } from './lock-timeout.js';
import type { Output } from '../output.js';

interface InitFlags {
  readonly fromDrizzle?: string | true;
  readonly split?: string | true;
  readonly sections?: string;
  readonly empty?: boolean;
  readonly example?: boolean;
  readonly dryRun?: boolean;
  readonly lockTimeout: number;
}

export function registerInit(program: Command, context: CliContext): void {
  program
    .command('init')
    .description('start using sections in this project: the config, your sections\' schema modules, drizzle.config.ts, db:* scripts, a tsconfig if there is none, .sections/ in .gitignore')
    .option('--from-drizzle [config]', 'adopt an existing drizzle-kit project (default: its drizzle.config.* here): sections from its schema modules, its migrations kept as they are')
    .option('--split [count]', 'with --from-drizzle: group tables by their foreign keys into <count> sections (default: as many as the keys suggest), instead of one per schema module')
    .option('--sections <names>', 'the sections to create, comma-separated (e.g. core,billing), each with an empty schema module')
    .option('--empty', 'no sections yet; add them with `sections add-section <name>`')
    .option('--example', 'three example sections (core, vendor, customer) with one table each')
    .option('--dry-run', 'print what would be written; write nothing')
    .addOption(lockTimeoutOption())
    .addHelpText('after', '\nExamples:\n  $ sections init --sections core,billing\n  $ sections init --empty\n  $ sections init --example\n  $ sections init --from-drizzle --dry-run\n  $ sections init --from-drizzle drizzle.config.ts --split 3')
    .action(async (flags: InitFlags) => {
      const global = context.global();
      const output = context.output();
      if (flags.fromDrizzle !== undefined) {
        const given = sectionFlags(flags);
        if (given.length > 0) throw new UserError(`--from-drizzle and ${given.join(' and ')} exclude each other; --from-drizzle takes the sections from the drizzle project`);
        const { initFromDrizzle } = await import('../../commands/init-from-drizzle.js');
        const result = await initFromDrizzle({
          cwd: global.cwd,
          drizzleConfig: flags.fromDrizzle === true ? undefined : flags.fromDrizzle,
          split: splitRequest(flags.split),
          dryRun: flags.dryRun,
          lock: lockOptions(flags.lockTimeout, output),
        });
        if (global.json) output.json({ ok: true, ...result });
        else {
          renderInitFromDrizzle(result, output, global.cwd);
          // The split is a choice among many: a picture of where it cuts helps to judge it before anything is written.
          if (flags.split !== undefined && result.dryRun) {
            const { renderMermaid } = await import('../../graph/render-mermaid.js');
            output.info(`the proposed split as Mermaid (cut foreign keys as new violations; \`sections graph\` draws it after adopting):`);
            output.raw('stdout', renderMermaid(result.graph));
          }
        }
        return;
      }
      if (flags.split !== undefined) throw new UserError('--split works with --from-drizzle: sections init --from-drizzle --split [count]');
      const { drizzleConfigIn, init, parseSectionNames } = await import('../../commands/init.js');
      const sections = initSections(flags, parseSectionNames, drizzleConfigIn(global.cwd));
      const result = await init({ cwd: global.cwd, sections, dryRun: flags.dryRun, lock: lockOptions(flags.lockTimeout, output) });
      if (global.json) output.json({ ok: true, ...result });
      else renderInit(result, sections, output, global.cwd);
    });
}

/** Which of --sections, --empty and --example were given. */
function sectionFlags(flags: InitFlags): string[] {
  return [flags.sections !== undefined && '--sections', flags.empty && '--empty', flags.example && '--example'].filter((flag): flag is string => Boolean(flag));
}

/** Exactly one of --sections, --empty and --example. */
function initSections(flags: InitFlags, parseSectionNames: (list: string) => string[], drizzleConfig: string | undefined): InitSections {
  const given = sectionFlags(flags);
  if (given.length > 1) throw new UserError(`${given.join(' and ')} exclude each other; give one`);
  if (flags.sections !== undefined) return { kind: 'named', names: parseSectionNames(flags.sections) };
  if (flags.empty) return { kind: 'empty' };
  if (flags.example) return { kind: 'example' };
  if (drizzleConfig) throw new UserError(`this is a drizzle project (${drizzleConfig}): adopt it with \`sections init --from-drizzle\` (add --dry-run to see the proposed sections first)`);
  throw new UserError('init needs your sections: --sections <a,b,...> (e.g. --sections core,billing), --empty (add them later with `sections add-section <name>`), or --example');
}

/** `--split` alone: as many sections as the foreign keys suggest; `--split 3`: three. */
function splitRequest(split: string | true | undefined): SplitRequest {
  if (split === undefined) return { kind: 'per-file' };
  if (split === true) return { kind: 'clusters', count: undefined };
  const count = Number(split);
  if (!Number.isInteger(count) || count < 1) throw new UserError(`--split ${split}: give a whole number of sections, at least 1 (or --split alone)`);
  return { kind: 'clusters', count };
}

function renderInitFromDrizzle(result: InitFromDrizzleResult, output: Output, cwd: string): void {
  const { color } = output;
  const shown = (path: string) => displayPath(cwd, path);
  output.info(`${color.dim('from')} ${shown(result.drizzleConfig)}, migrations ${shown(result.migrations)} kept as they are`);
  for (const section of result.sections) {
    const module = section.schemaModule === 'existing' ? shown(section.schema) : `${shown(section.schema)} (re-exports)`;
    const names = section.camelCase ? '' : color.dim(' (names kept as they are: codegen.camelCase false)');
    output.info(`${color.bold(section.name)} ${module}: ${section.tables.join(', ')}${names}`);
  }
  const crossing = result.crossSectionForeignKeys;
  output.info(`${crossing.length} cross-section foreign key${crossing.length === 1 ? '' : 's'}${crossing.length > 0 ? `: ${crossing.map((edge) => `${edge.from} → ${edge.to}`).join(', ')}` : ''}`);
  const would = result.dryRun ? 'would be ' : '';
  for (const file of result.files) output.info(`${color.green(`${would}${file.status}`)} ${file.kind} ${shown(file.path)}`);
  for (const warning of result.warnings) output.warn(warning);
  if (result.dryRun) output.info(color.yellow('dry run: nothing was written'));
  else output.info(`${color.dim('next')} sections generate   (no new migration: the schema is what the migrations already made; each section's Kysely types, repositories and services)`);
}

function renderInit(result: InitResult, sections: InitSections, output: Output, cwd: string): void {
  const { color } = output;
  const would = result.dryRun ? 'would be ' : '';
  for (const file of result.files) output.info(`${color.green(`${would}${file.status}`)} ${file.kind} ${displayPath(cwd, file.path)}`);
  if (result.moduleType === 'set-to-module') output.info(`${color.dim(result.dryRun ? 'would set' : 'set')} "type": "module" in package.json (the scaffolds are ES modules)`);
  for (const warning of result.warnings) output.warn(warning);
  if (result.dryRun) output.info(color.yellow('dry run: nothing was written'));
  else output.info(`${color.dim('next')} ${nextStep(sections, result.sections)}`);
}

function nextStep(sections: InitSections, names: readonly string[]): string {
  switch (sections.kind) {
    case 'example':
      return 'sections generate   (the first migration, each section\'s Kysely types, repositories and services)';
    case 'empty':
      return 'add a section: sections add-section <name>';
    case 'named':
      return `add a table: sections add-table ${names[0]} <table> --column 'name:text:notnull', then \`sections generate\``;
  }
}
