import type { Command } from 'commander';
import { OperationError } from '../../errors.js';
import type { CliContext } from '../context.js';

export function registerStatus(program: Command, context: CliContext): void {
  program
    .command('status')
    .description('(not built yet)')
    .action(() => {
      void context;
      throw new OperationError('`sections status` is not built yet');
    });
}
