import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerAddSection } from './add-section.js';
import { registerAddTable } from './add-table.js';
import { registerCheck } from './check.js';
import { registerGenerate } from './generate.js';
import { registerGraph } from './graph.js';
import { registerInit } from './init.js';
import { registerLint } from './lint.js';
import { registerMigrate } from './migrate.js';
import { registerStatus } from './status.js';

export type RegisterCommand = (program: Command, context: CliContext) => void;

/**
 * Declarations only: each file declares its flags and lazy-imports the work in its action,
 * so `sections --help` loads none of drizzle-kit, kysely-codegen or PGlite.
 */
export const commands: readonly RegisterCommand[] = [
  registerInit,
  registerGenerate,
  registerMigrate,
  registerStatus,
  registerCheck,
  registerLint,
  registerGraph,
  registerAddTable,
  registerAddSection,
];
