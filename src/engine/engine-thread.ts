import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { DatabaseMetadata } from 'kysely-codegen/dist/introspector/metadata/database-metadata.js';
import { metadataFromJson } from '../codegen/introspect.js';
import { OperationError, UserError } from '../errors.js';
import type { Progress } from '../progress.js';
import type { EngineThreadData, ErrorJson, FromEngine, ToEngine } from './engine-messages.js';
import { MigrationRefusedError, type MigrationToRun } from './migration-refused.js';

/** The engine on a thread of its own (see engine-worker.ts). */
export interface EngineThread {
  /** The engine and its version, for the cache key. */
  readonly identity: Promise<string>;
  /** Boots the engine and applies the history now, before the new migration is known. */
  prepare(): void;
  /** Runs the new migrations, introspects, and ends the thread. */
  finish(next: readonly MigrationToRun[]): Promise<DatabaseMetadata>;
  /** Ends the thread without running anything more. */
  abandon(): Promise<void>;
}

/**
 * The engine on a worker thread, so that booting it and applying the folder's migrations
 * (`prepare`) overlaps the loading and diffing of the schemas on this one.
 */
export function startEngineThread(data: EngineThreadData, progress: Progress): EngineThread {
  const worker = new Worker(new URL('./engine-worker.js', import.meta.url), { workerData: data });
  const exited = once(worker, 'exit');
  const identity = deferred<string>();
  const outcome = deferred<DatabaseMetadata>();
  // Set once the thread has said how it ended: its exit comes next and is no failure then.
  let answered = false;
  const fail = (error: unknown) => {
    identity.reject(error);
    outcome.reject(error);
  };
  worker.on('message', (message: FromEngine) => {
    if (message.type === 'identity') identity.resolve(message.identity);
    else if (message.type === 'progress') progress(message.step);
    else {
      answered = true;
      if (message.type === 'metadata') void metadataFromJson(message.metadata).then(outcome.resolve, outcome.reject);
      else fail(errorFromJson(message.error));
    }
  });
  worker.on('error', fail);
  void exited.then(([code]: unknown[]) => {
    if (!answered) fail(new Error(`the engine thread ended without an answer (exit code ${String(code)})`));
  });
  const send = (message: ToEngine) => worker.postMessage(message);
  return {
    identity: identity.promise,
    prepare: () => send({ type: 'prepare' }),
    finish: async (next) => {
      send({ type: 'finish', next });
      try {
        return await outcome.promise;
      } finally {
        await exited;
      }
    },
    abandon: async () => {
      send({ type: 'abandon' });
      await exited;
    },
  };
}

/** A promise settled from outside; settling it again does nothing, and nobody waiting is no error. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

function errorFromJson(error: ErrorJson): Error {
  switch (error.kind) {
    case 'refused':
      return new MigrationRefusedError(error);
    case 'sections':
      return error.exitCode === 2 ? new UserError(error.message, error.details) : new OperationError(error.message, error.details);
    case 'internal':
      return Object.assign(new Error(error.message), { stack: error.stack });
  }
}
