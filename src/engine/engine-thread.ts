import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { DatabaseMetadata } from 'kysely-codegen/dist/introspector/metadata/database-metadata.js';
import { metadataFromJson } from '../codegen/introspect.js';
import { OperationError, UserError } from '../errors.js';
import type { Progress } from '../progress.js';
import type { BackendChoice } from './create-backend.js';
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

/** An engine thread booting before it is told which engine and which history (see `bootEngineThread`). */
export interface BootingEngineThread {
  /** Names the engine, as soon as the config does: the thread warms it (see `EngineBackend.warm`) until `start`. */
  warm(backend: BackendChoice): void;
  /** Tells the thread its engine and the folder's migrations; from then on the returned thread owns it. */
  start(data: EngineThreadData, progress: Progress): EngineThread;
  /** Ends the thread if it was never started; once started, `EngineThread` ends it. */
  abandon(): Promise<void>;
}

/**
 * The engine on a worker thread, so that booting it and applying the folder's migrations
 * (`prepare`) overlaps the loading and diffing of the schemas on this one. It starts before it is
 * told which engine, so that its own start-up and its loading of modules overlap the loading of
 * the config.
 */
export function bootEngineThread(): BootingEngineThread {
  const worker = new Worker(new URL('./engine-worker.js', import.meta.url));
  const exited = once(worker, 'exit');
  const identity = deferred<string>();
  const outcome = deferred<DatabaseMetadata>();
  let progress: Progress = () => undefined;
  // Set once the thread has said how it ended: its exit comes next and is no failure then.
  let answered = false;
  let started = false;
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
  const end = async () => {
    send({ type: 'abandon' });
    await exited;
  };
  return {
    warm: (backend) => send({ type: 'warm', backend }),
    start: (data, onProgress) => {
      started = true;
      progress = onProgress;
      send({ type: 'start', data });
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
        abandon: end,
      };
    },
    abandon: async () => {
      if (!started) await end();
    },
  };
}

/**
 * Runs `work` with the engine's thread booting from now on when it is `likelyNeeded` (see
 * `bootEngineThread`), and ends the thread if `work` never started it.
 */
export async function withBootingEngineThread<T>(likelyNeeded: boolean, work: (thread: BootingEngineThread | undefined) => Promise<T>): Promise<T> {
  const thread = likelyNeeded ? bootEngineThread() : undefined;
  try {
    return await work(thread);
  } finally {
    await thread?.abandon();
  }
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
