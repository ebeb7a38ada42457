import type { Command } from 'commander';

/** `--url` and `--local`, and where else the database may come from, as migrate and status take them. */
export function addTargetOptions(command: Command): Command {
  return command
    .option('--url <url>', 'the target database (a postgres:// URL)')
    .option('--local', 'use the embedded PGlite database in database.dataDir (.sections/pglite)')
    .addHelpText(
      'after',
      [
        '',
        'The database, first found of:',
        '  --url <url>',
        '  --local                       the embedded database',
        '  DATABASE_URL                  from the environment',
        '  DATABASE_URL in .env          the .env file beside the config (process.env is not changed)',
        '  database.url                  in the config',
        '  database.local: true          in the config: the embedded database',
        'With none of them it refuses (exit 2): there is no implicit database.',
      ].join('\n'),
    );
}
