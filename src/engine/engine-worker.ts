import { isDeepStrictEqual } from 'node:util';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { metadataToJson, loadIntrospector } from '../codegen/introspect.js';
import { isSectionsError } from '../errors.js';
import { createBackend, type BackendChoice } from './create-backend.js';
import type { EngineBackend } from './engine-backend.js';
import type { EngineThreadData, ErrorJson, FromEngine, ToEngine } from './engine-messages.js';
import { MigrationRefusedError } from './migration-refused.js';
import { prepareEngine, type PreparedEngine } from './prepared-engine.js';

/*
 * The engine's thread (see engine-thread.ts): started before the config is loaded, it loads the
 * engine's modules meanwhile, and warms the engine as soon as the config names it (see
 * `EngineBackend.warm`); told the folder's migrations, it applies them while the calling thread
 * loads and diffs the schemas, then runs the new migration it is sent and answers with the
 * introspected metadata.
 */
serveEngine(parentPort!);

type Handler = (message: ToEngine) => Promise<void>;

function serveEngine(port: MessagePort): void {
  const send = (message: FromEngine) => port.postMessage(message);

  // Needed by every run that gets this far, and loaded while the calling thread still loads the config.
  loadIntrospector().catch(() => undefined);

  // Set by `warm` until `start` takes it over.
  let warmed: { readonly choice: BackendChoice; readonly backend: Promise<EngineBackend> } | undefined;
  const warm = (choice: BackendChoice) => {
    warmed = { choice, backend: warmBackend(choice) };
    warmed.backend.catch(() => undefined);
  };
  /** The warmed backend when it is the one chosen, else a new one. */
  const backendFor = async (choice: BackendChoice): Promise<EngineBackend> => {
    if (!warmed || !isDeepStrictEqual(choice, warmed.choice)) return createBackend(choice);
    const { backend } = warmed;
    warmed = undefined;
    return backend;
  };
  /** Ends the thread, and the warmed backend unless it was taken over. */
  const end = async () => {
    if (warmed) await warmed.backend.then((backend) => backend.close()).catch(() => undefined);
    port.close();
  };

  /** Creates the engine and answers with its identity; resolves to the handler of what comes next, none when it failed. */
  const serve = async ({ backend: choice, history }: EngineThreadData): Promise<Handler | undefined> => {
    let backend: EngineBackend;
    try {
      backend = await backendFor(choice);
      send({ type: 'identity', identity: await backend.identity() });
    } catch (error) {
      send({ type: 'error', error: errorToJson(error) });
      await end();
      return undefined;
    }
    let prepared: Promise<PreparedEngine> | undefined;
    const prepare = () => (prepared ??= prepareEngine(backend, history, (step) => send({ type: 'progress', step })));
    return async (message) => {
      if (message.type === 'prepare') {
        // Reported when finishing; an abandoned run needs no answer.
        prepare().catch(() => undefined);
        return;
      }
      try {
        if (message.type === 'abandon') await (await prepared?.catch(() => undefined))?.abandon();
        else if (message.type === 'finish') send({ type: 'metadata', metadata: metadataToJson(await (await prepare()).finish(message.next)) });
      } catch (error) {
        send({ type: 'error', error: errorToJson(error) });
      } finally {
        await backend.close();
        await end();
      }
    };
  };

  // One listener from the start: a message arriving while the engine is created waits for it.
  let serving: Promise<Handler | undefined> | undefined;
  port.on('message', (message: ToEngine) => {
    if (message.type === 'warm') warm(message.backend);
    else if (message.type === 'start') serving = serve(message.data);
    else if (!serving) void end();
    else void serving.then((handle) => handle?.(message));
  });
}

async function warmBackend(choice: BackendChoice): Promise<EngineBackend> {
  const backend = await createBackend(choice);
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
