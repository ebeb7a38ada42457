import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { DatabaseMetadata } from 'kysely-codegen/dist/introspector/metadata/database-metadata.js';
import { metadataFromJson } from '../codegen/introspect.js';
import { OperationError, UserError } from '../errors.js';
import type { Progress } from '../progress.js';
import type { BackendChoice } from './create-backend.js';
import type { EngineThreadData, EngineWorkerData, ErrorJson, FromEngine, ToEngine } from './engine-messages.js';
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

/** Where each run's engine thread comes from: by default a new thread per run (see `bootEngineThread`). */
export interface EngineHost {
  /** The thread for one run. */
  thread(): BootingEngineThread;
}

/** An engine host that keeps one thread, and its engine, between runs until it is closed. */
export interface ResidentEngine extends EngineHost {
  /** Warms the engine now (see `EngineBackend.warm`), so that the first run finds it booted; no-op during a run. */
  warm(backend: BackendChoice): void;
  /** Waits for a run in progress, then closes the engine and ends the thread; later runs get a thread each, as without a host. */
  close(): Promise<void>;
}

const ENGINE_WORKER = new URL('./engine-worker.js', import.meta.url);

/**
 * The engine on a worker thread, so that booting it and applying the folder's migrations
 * (`prepare`) overlaps the loading and diffing of the schemas on this one. It starts before it is
 * told which engine, so that its own start-up and its loading of modules overlap the loading of
 * the config. The thread ends with the run.
 */
export function bootEngineThread(): BootingEngineThread {
  const worker = new Worker(ENGINE_WORKER, { workerData: { resident: false } satisfies EngineWorkerData });
  return runOn(worker, 0, once(worker, 'exit'));
}

/**
 * One engine thread for many runs, one at a time (`generate --watch`): between runs it keeps its
 * engine with the history applied (PGlite booted on its history cluster, which stays locked), so
 * a run needs only the new migration and the introspection. A thread that died is replaced by the
 * next run; a run that overlaps another gets a thread of its own.
 */
export function residentEngine(): ResidentEngine {
  let current: { readonly worker: Worker; readonly exited: Promise<unknown> } | undefined;
  let runs = 0;
  // The end of the run in progress, if any.
  let running: Promise<unknown> | undefined;
  let closed = false;
  const spawn = () => {
    const worker = new Worker(ENGINE_WORKER, { workerData: { resident: true } satisfies EngineWorkerData });
    // Between runs nobody else listens: a thread that fails then has exited, and the next run gets a new one.
    worker.on('error', () => undefined);
    const exited = once(worker, 'exit').catch(() => undefined);
    const spawned = { worker, exited };
    void exited.then(() => {
      if (current === spawned) current = undefined;
    });
    return spawned;
  };
  return {
    warm: (backend) => {
      if (!running && !closed) (current ??= spawn()).worker.postMessage({ type: 'warm', backend } satisfies ToEngine);
    },
    thread: () => {
      if (running || closed) return bootEngineThread();
      const { worker, exited } = (current ??= spawn());
      runs += 1;
      const run = runs;
      const ended = Promise.race([exited, endOf(worker, run)]).finally(() => {
        running = undefined;
      });
      running = ended;
      return runOn(worker, run, ended);
    },
    close: async () => {
      closed = true;
      await running?.catch(() => undefined);
      const closing = current;
      if (!closing) return;
      closing.worker.postMessage({ type: 'close' } satisfies ToEngine);
      await closing.exited;
    },
  };
}

/**
 * Runs `work` with the engine's thread booting from now on when it is `likelyNeeded` (see
 * `bootEngineThread`), or with the host's thread, and ends the run if `work` never started it.
 */
export async function withBootingEngineThread<T>(
  host: EngineHost | undefined,
  likelyNeeded: boolean,
  work: (thread: BootingEngineThread | undefined) => Promise<T>,
): Promise<T> {
  const thread = host ? host.thread() : likelyNeeded ? bootEngineThread() : undefined;
  try {
    return await work(thread);
  } finally {
    await thread?.abandon();
  }
}

/** Run `run` on `worker`, over once `runEnded` settles (the thread said that run `ended`, or exited). */
function runOn(worker: Worker, run: number, runEnded: Promise<unknown>): BootingEngineThread {
  const identity = deferred<string>();
  const outcome = deferred<DatabaseMetadata>();
  let progress: Progress = () => undefined;
  // Set once the thread has said how the run ended: its end comes next and is no failure then.
  let answered = false;
  let started = false;
  const fail = (error: unknown) => {
    identity.reject(error);
    outcome.reject(error);
  };
  const onMessage = (message: FromEngine) => {
    if (message.type === 'identity') identity.resolve(message.identity);
    else if (message.type === 'progress') progress(message.step);
    else if (message.type !== 'ended') {
      answered = true;
      if (message.type === 'metadata') void metadataFromJson(message.metadata).then(outcome.resolve, outcome.reject);
      else fail(errorFromJson(message.error));
    }
  };
  worker.on('message', onMessage);
  worker.on('error', fail);
  // A thread that failed (its 'error', reported through `fail`) has ended the run too.
  const ended = runEnded.catch(() => undefined).then(() => {
    worker.off('message', onMessage);
    worker.off('error', fail);
    if (!answered) fail(new Error('the engine thread ended without an answer'));
  });
  const send = (message: ToEngine) => worker.postMessage(message);
  const end = async () => {
    send({ type: 'abandon', run });
    await ended;
  };
  return {
    warm: (backend) => send({ type: 'warm', backend }),
    start: (data, onProgress) => {
      started = true;
      progress = onProgress;
      send({ type: 'start', run, data });
      return {
        identity: identity.promise,
        prepare: () => send({ type: 'prepare' }),
        finish: async (next) => {
          send({ type: 'finish', next });
          try {
            return await outcome.promise;
          } finally {
            await ended;
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

/** Resolves when `worker` says that run `run` ended. */
function endOf(worker: Worker, run: number): Promise<void> {
  return new Promise((resolve) => {
    const listener = (message: FromEngine) => {
      if (message.type !== 'ended' || message.run !== run) return;
      worker.off('message', listener);
      resolve();
    };
    worker.on('message', listener);
  });
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
