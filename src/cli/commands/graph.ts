import { Option, type Command } from 'commander';
import { displayPath } from '../../display-path.js';
import { GRAPH_FORMATS, type GraphFormat } from '../../graph/graph-format.js';
import type { CliContext } from '../context.js';
import { lockOptions, lockTimeoutOption } from './lock-timeout.js';


export function registerGraph(program: Command, context: CliContext): void {
  program
    .command('graph')
    .description('draw the section map: sections, their tables, foreign keys, public-id references, accepted and new boundary violations (Mermaid for READMEs and pull requests, DOT, or SVG)')
    .addOption(new Option('--format <format>', 'mermaid renders on GitHub; svg is laid out by Graphviz (bundled, no install)').choices(GRAPH_FORMATS).default('mermaid'))
    .option('--output <file>', 'write it to this file instead of stdout')
    .addOption(lockTimeoutOption('a command writing this project'))
    .addHelpText('after', '\nExamples:\n  $ sections graph > docs/sections.mmd\n  $ sections graph --format svg --output docs/sections.svg')
    .action(async (flags: { format: GraphFormat; output?: string; lockTimeout: number }) => {
      const global = context.global();
      const output = context.output();
      const { graph } = await import('../../commands/graph.js');
      const result = await graph({ cwd: global.cwd, config: global.config, format: flags.format, output: flags.output, lock: lockOptions(flags.lockTimeout, output) });
      if (global.json) output.json({ ok: true, ...result });
      else if (result.output) output.info(`${output.color.green(result.output.status)} ${flags.format} ${displayPath(global.cwd, result.output.file)}`);
      else output.raw('stdout', result.text);
    });
}
