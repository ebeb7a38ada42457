import type { Command } from 'commander';
import { OperationError } from '../../errors.js';
import type { CliContext } from '../context.js';

export function registerGenerate(program: Command, context: CliContext): void {
  program
    .command('generate')
    .description('(not built yet)')
    .action(() => {
      void context;
      throw new OperationError('`sections generate` is not built yet');
    });
}
