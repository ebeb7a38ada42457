import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { isSectionsError } from '../errors.js';
import { ownVersion } from '../package-version.js';
import { describeError } from './describe-error.js';
import type { CliContext, GlobalOptions } from './context.js';
import { knownSecrets } from './known-secrets.js';
import { Output, wantsColor } from './output.js';
import { commands } from './commands/index.js';

export interface Cli {
  /** Parses argv and runs the command; resolves to the exit code. Never throws. */
  run(): Promise<number>;
  /** Reports an error that escaped `run` (an uncaught exception of a user module's timer): the same way, once. */
  fatal(error: unknown): number;
}

/**
 * The one error boundary: every command returns data or throws a typed error, and only this
 * module decides what is printed and which exit code the process gets. Every error honours
 * --json (commander's own included), and every line goes through one Output, which masks the
 * passwords this invocation knows of.
 */
export function createCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Cli {
  const secrets = knownSecrets(argv, env);
  const beforeTerminator = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  const json = beforeTerminator.includes('--json');
  let commanderError = '';
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
    // commander's own errors are kept and printed by `report`, as one JSON document under --json.
    .configureOutput({
      writeOut: (text) => getOutput().raw('stdout', text),
      writeErr: (text) => {
        commanderError += text;
      },
    })
    .exitOverride();

  let output: Output | undefined;
  const globalOptions = (): GlobalOptions => {
    const opts = program.opts<{ cwd?: string; config?: string; json?: boolean; quiet?: boolean; verbose?: boolean }>();
    return {
      cwd: resolve(opts.cwd ?? process.cwd()),
      config: opts.config,
      json: Boolean(opts.json) || json,
      quiet: Boolean(opts.quiet),
      verbose: Boolean(opts.verbose),
    };
  };
  function getOutput(): Output {
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
      secrets,
    });
    return output;
  }
  const context: CliContext = { global: globalOptions, output: getOutput, argv, exitCode: 0 };
  for (const register of commands) register(program, context);

  let reported = false;
  const report = (error: unknown): number => {
    if (reported) return 1;
    reported = true;
    if (error instanceof CommanderError) return reportCommanderError(error, commanderError, getOutput());
    return reportError(error, getOutput());
  };

  return {
    async run() {
      try {
        await program.parseAsync(argv, { from: 'user' });
        return context.exitCode;
      } catch (error) {
        return report(error);
      }
    },
    fatal: report,
  };
}

/** Runs the CLI and resolves to its exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return createCli(argv, env).run();
}

function reportCommanderError(error: CommanderError, printed: string, output: Output): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
  const [first = error.message, ...rest] = printed.split('\n').filter((line) => line.trim() !== '');
  if (output.options.json) output.json({ ok: false, error: { message: first.replace(/^error: /, ''), details: rest, exitCode: 2 } });
  else output.raw('stderr', printed);
  return 2;
}

function reportError(error: unknown, output: Output): number {
  const exitCode = isSectionsError(error) ? error.exitCode : 1;
  const [message, ...details] = describeError(error);
  if (output.options.json) output.json({ ok: false, error: { message, details: details.map((line) => line.trimStart()), exitCode } });
  output.error(message!);
  for (const line of details) output.errorDetail(line.trimStart());
  return exitCode;
}
