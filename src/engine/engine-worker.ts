import { isDeepStrictEqual } from 'node:util';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { metadataToJson, loadIntrospector } from '../codegen/introspect.js';
import { isSectionsError } from '../errors.js';
import { createBackend, type BackendChoice } from './create-backend.js';
import type { EngineBackend } from './engine-backend.js';
import type { EngineThreadData, EngineWorkerData, ErrorJson, FromEngine, ToEngine } from './engine-messages.js';
import { MigrationRefusedError } from './migration-refused.js';
import { prepareEngine, type PreparedEngine } from './prepared-engine.js';

/*
 * The engine's thread (see engine-thread.ts): started before the config is loaded, it loads the
 * engine's modules meanwhile, and warms the engine as soon as the config names it (see
 * `EngineBackend.warm`); told the folder's migrations, it applies them while the calling thread
 * loads and diffs the schemas, then runs the new migration it is sent and answers with the
 * introspected metadata. A resident thread (see `residentEngine`) then keeps its engine, booted
 * with the history applied, for the next run; any other ends.
 */
serveEngine(parentPort!, (workerData as EngineWorkerData | undefined)?.resident ?? false);

type Handler = (message: ToEngine) => Promise<void>;

function serveEngine(port: MessagePort, resident: boolean): void {
  const send = (message: FromEngine) => port.postMessage(message);

  // Needed by every run that gets this far, and loaded while the calling thread still loads the config.
  loadIntrospector().catch(() => undefined);

  // Set by `warm` until a run takes it over; in a resident thread, also the engine the last run left (`fromRun`).
  let kept: { readonly choice: BackendChoice; readonly backend: Promise<EngineBackend>; readonly fromRun: boolean } | undefined;
  const closeKept = async () => {
    const backend = kept?.backend;
    kept = undefined;
    await backend?.then((open) => open.close()).catch(() => undefined);
  };
  const warm = (choice: BackendChoice) => {
    if (kept && isDeepStrictEqual(choice, kept.choice)) {
      void kept.backend.then((backend) => backend.warm(), () => undefined);
      return;
    }
    const closed = closeKept();
    kept = { choice, backend: closed.then(() => warmBackend(choice, resident)), fromRun: false };
    kept.backend.catch(() => undefined);
  };
  /** The kept backend when it is the one chosen, else a new one; `fromRun` when a run before used it. */
  const backendFor = async (choice: BackendChoice): Promise<{ readonly backend: EngineBackend; readonly fromRun: boolean }> => {
    if (!kept || !isDeepStrictEqual(choice, kept.choice)) {
      await closeKept();
      return { backend: await createBackend(choice, resident), fromRun: false };
    }
    const { backend, fromRun } = kept;
    kept = undefined;
    return { backend: await backend, fromRun };
  };
  /**
   * Ends the run: a resident thread keeps the backend it used, when the run left it `sound`, and
   * waits for the next; any other backend is closed, and a thread that is not resident ends.
   */
  const endRun = async (run: number, used: { readonly choice: BackendChoice; readonly backend: EngineBackend } | undefined, sound: boolean) => {
    serving = undefined;
    if (used && resident && sound) kept = { choice: used.choice, backend: Promise.resolve(used.backend), fromRun: true };
    else await used?.backend.close().catch(() => undefined);
    if (!resident) await closeKept();
    send({ type: 'ended', run });
    if (!resident) port.close();
  };

  /**
   * The run's backend, answering with its identity (closed when it cannot). An engine kept since
   * the last run may have lost its server meanwhile (a restart, a laptop's sleep): a new one gets one try.
   */
  const openBackend = async (choice: BackendChoice): Promise<{ readonly backend: EngineBackend; readonly identity: string }> => {
    const identify = async (backend: EngineBackend) => {
      try {
        return { backend, identity: await backend.identity() };
      } catch (error) {
        await backend.close().catch(() => undefined);
        throw error;
      }
    };
    const found = await backendFor(choice);
    if (!found.fromRun) return identify(found.backend);
    return identify(found.backend).catch(async () => identify(await createBackend(choice, resident)));
  };

  /** Opens the engine and answers with its identity; resolves to the handler of what comes next, none when it failed. */
  const serve = async (run: number, { backend: choice, history }: EngineThreadData): Promise<Handler | undefined> => {
    let opened: { readonly backend: EngineBackend; readonly identity: string };
    try {
      opened = await openBackend(choice);
    } catch (error) {
      send({ type: 'error', error: errorToJson(error) });
      await endRun(run, undefined, false);
      return undefined;
    }
    send({ type: 'identity', identity: opened.identity });
    const { backend } = opened;
    let prepared: Promise<PreparedEngine> | undefined;
    const prepare = () => (prepared ??= prepareEngine(backend, history, (step) => send({ type: 'progress', step })));
    return async (message) => {
      if (message.type === 'prepare') {
        // Reported when finishing; an abandoned run needs no answer.
        prepare().catch(() => undefined);
        return;
      }
      let failed = false;
      try {
        if (message.type === 'abandon') await (await prepared?.catch(() => undefined))?.abandon();
        else if (message.type === 'finish') send({ type: 'metadata', metadata: metadataToJson(await (await prepare()).finish(message.next)) });
      } catch (error) {
        // A refused migration is the run's answer; anything else may have left the engine unusable.
        failed = !(error instanceof MigrationRefusedError);
        send({ type: 'error', error: errorToJson(error) });
      } finally {
        await endRun(run, { choice, backend }, !failed);
      }
    };
  };

  // One listener from the start: a message arriving while the engine is created waits for it.
  let serving: Promise<Handler | undefined> | undefined;
  port.on('message', (message: ToEngine) => {
    if (message.type === 'warm') warm(message.backend);
    else if (message.type === 'start') serving = serve(message.run, message.data);
    else if (message.type === 'close') void closeKept().then(() => port.close());
    else if (!serving) {
      // A run abandoned before it started, or one that ended while its caller sent this: each is answered with its own run.
      if (message.type === 'abandon') void endRun(message.run, undefined, false);
    } else void serving.then((handle) => handle?.(message));
  });
}

async function warmBackend(choice: BackendChoice, resident: boolean): Promise<EngineBackend> {
  const backend = await createBackend(choice, resident);
  backend.warm();
  return backend;
}

function errorToJson(error: unknown): ErrorJson {
  if (error instanceof MigrationRefusedError) {
    const { migration, statement, reason, message, details } = error;
    return { kind: 'refused', migration, statement, reason, message, details };
  }
  if (isSectionsError(error)) return { kind: 'sections', exitCode: error.exitCode, message: error.message, details: error.details };
  const { message, stack } = error instanceof Error ? error : new Error(String(error));
  return { kind: 'internal', message, stack };
}
