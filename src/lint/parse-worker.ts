import { parentPort, workerData } from 'node:worker_threads';
import { isSectionsError } from '../errors.js';
import { loadParser, parseMigration, type MigrationSource } from './parse-migration.js';

/**
 * Runs in a worker thread: compiling PostgreSQL's parser (WebAssembly) and its first parses take
 * CPU that would otherwise hold up the main thread, which `check` needs for generate's plan.
 */
const sources = workerData as readonly MigrationSource[];
try {
  const parser = await loadParser();
  parentPort!.postMessage({ parsed: sources.map((source) => parseMigration(parser, source)) });
} catch (error) {
  parentPort!.postMessage({ failed: { message: (error as Error).message, user: isSectionsError(error) && error.exitCode === 2 } });
}
