import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { isSectionsError } from '../errors.js';
import { ownVersion } from '../package-version.js';
import { describeError } from './describe-error.js';
import type { CliContext, GlobalOptions } from './context.js';
import { Output, wantsColor } from './output.js';
import { commands } from './commands/index.js';

/**
 * The one error boundary: every command returns data or throws a typed error, and only this
 * function decides what is printed and which exit code the process gets.
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = new Command('sections')
    .description('Feature sections over one PostgreSQL database: drizzle schemas per section, one migration history, per-section Kysely types.')
    .version(ownVersion(), '-v, --version')
    .addOption(new Option('--cwd <dir>', 'run as if started in <dir>'))
    .addOption(new Option('-c, --config <file>', 'use this config file instead of searching for sections.config.*'))
    .option('--json', 'print one JSON document on stdout and nothing else')
    .option('-q, --quiet', 'print only errors')
    .option('--verbose', 'print debug detail to stderr')
    .option('--no-color', 'never colour the output')
    // Subcommands inherit it: `sections migrate --help` lists --cwd, --json, ... too.
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run `sections --help` for usage)')
    .enablePositionalOptions(false)
    .exitOverride();

  let output: Output | undefined;
  const globalOptions = (): GlobalOptions => {
    const opts = program.opts<{ cwd?: string; config?: string; json?: boolean; quiet?: boolean; verbose?: boolean }>();
    return {
      cwd: resolve(opts.cwd ?? process.cwd()),
      config: opts.config,
      json: Boolean(opts.json),
      quiet: Boolean(opts.quiet),
      verbose: Boolean(opts.verbose),
    };
  };
  const getOutput = (): Output => {
    if (output) return output;
    const opts = program.opts<{ color?: boolean }>();
    const global = globalOptions();
    output = new Output({
      json: global.json,
      quiet: global.quiet,
      verbose: global.verbose,
      color: wantsColor(env, process.stdout, opts.color),
      stdout: process.stdout,
      stderr: process.stderr,
    });
    return output;
  };
  const context: CliContext = { global: globalOptions, output: getOutput, argv, exitCode: 0 };

  for (const register of commands) register(program, context);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return context.exitCode;
  } catch (error) {
    return report(error, getOutput);
  }
}

function report(error: unknown, getOutput: () => Output): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message (and its "did you mean").
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    return 2;
  }
  const output = getOutput();
  if (output.options.json && isSectionsError(error)) {
    output.json({ ok: false, error: { message: error.message, details: error.details, exitCode: error.exitCode } });
  }
  const [message, ...details] = describeError(error);
  output.error(message!);
  for (const line of details) output.errorDetail(line.trimStart());
  return isSectionsError(error) ? error.exitCode : 1;
}
