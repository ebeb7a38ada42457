import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import type { MigrationSource } from './parse-migration.js';
import type { ParsedMigration } from './parsed-migration.js';

type WorkerAnswer = { parsed: ParsedMigration[] } | { failed: { message: string; user: boolean } };

/** {@link parseMigration} for each source, on a worker thread (see parse-worker.ts). */
export function parseInWorker(sources: readonly MigrationSource[]): Promise<ParsedMigration[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./parse-worker.js', import.meta.url), { workerData: sources });
    let answered = false;
    worker.once('message', (answer: WorkerAnswer) => {
      answered = true;
      void worker.terminate();
      if ('parsed' in answer) resolve(answer.parsed);
      else reject(answer.failed.user ? new UserError(answer.failed.message) : new Error(answer.failed.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the SQL parser's worker stopped (exit code ${code}) without an answer`));
    });
  });
}
