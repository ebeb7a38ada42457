import type { Command } from 'commander';
import type { InitResult, InitSections } from '../../commands/init.js';
import { displayPath } from '../../display-path.js';
import { UserError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { lockOptions, lockTimeoutOption } from './lock-timeout.js';
import type { Output } from '../output.js';

interface InitFlags {
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
    .option('--sections <names>', 'the sections to create, comma-separated (e.g. core,billing), each with an empty schema module')
    .option('--empty', 'no sections yet; add them with `sections add-section <name>`')
    .option('--example', 'three example sections (core, vendor, customer) with one table each')
    .option('--dry-run', 'print what would be written; write nothing')
    .addOption(lockTimeoutOption())
    .addHelpText('after', '\nExamples:\n  $ sections init --sections core,billing\n  $ sections init --empty\n  $ sections init --example')
    .action(async (flags: InitFlags) => {
      const global = context.global();
      const output = context.output();
      const { init, parseSectionNames } = await import('../../commands/init.js');
      const sections = initSections(flags, parseSectionNames);
      const result = await init({ cwd: global.cwd, sections, dryRun: flags.dryRun, lock: lockOptions(flags.lockTimeout, output) });
      if (global.json) output.json({ ok: true, ...result });
      else renderInit(result, sections, output, global.cwd);
    });
}

/** Exactly one of --sections, --empty and --example. */
function initSections(flags: InitFlags, parseSectionNames: (list: string) => string[]): InitSections {
  const given = [flags.sections !== undefined && '--sections', flags.empty && '--empty', flags.example && '--example'].filter((flag): flag is string => Boolean(flag));
  if (given.length > 1) throw new UserError(`${given.join(' and ')} exclude each other; give one`);
  if (flags.sections !== undefined) return { kind: 'named', names: parseSectionNames(flags.sections) };
  if (flags.empty) return { kind: 'empty' };
  if (flags.example) return { kind: 'example' };
  throw new UserError('init needs your sections: --sections <a,b,...> (e.g. --sections core,billing), --empty (add them later with `sections add-section <name>`), or --example');
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
