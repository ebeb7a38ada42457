import { parentPort } from 'node:worker_threads';
import { metadataToJson, loadIntrospector } from '../codegen/introspect.js';
import { isSectionsError } from '../errors.js';
import { createBackend } from './create-backend.js';
import type { EngineBackend } from './engine-backend.js';
import type { EngineThreadData, ErrorJson, FromEngine, ToEngine } from './engine-messages.js';
import { MigrationRefusedError } from './migration-refused.js';
import { prepareEngine, type PreparedEngine } from './prepared-engine.js';

/*
 * The engine's thread (see engine-thread.ts): started before the config is loaded, it loads the
 * engine's modules meanwhile; told which engine, it boots it and applies the folder's migrations
 * while the calling thread loads and diffs the schemas, then runs the new migration it is sent
 * and answers with the introspected metadata.
 */
const port = parentPort!;
const send = (message: FromEngine) => port.postMessage(message);

// Needed by every run that gets this far, and loaded while the calling thread still loads the config.
loadIntrospector().catch(() => undefined);

// One listener from the start: a message arriving while the engine is created waits for it.
let serving: Promise<((message: ToEngine) => Promise<void>) | undefined> | undefined;
port.on('message', (message: ToEngine) => {
  if (message.type === 'start') serving = serve(message.data);
  else if (!serving) port.close();
  else void serving.then((handle) => handle?.(message));
});

/** Creates the engine and answers with its identity; resolves to the handler of what comes next, none when it failed. */
async function serve({ backend: choice, history }: EngineThreadData): Promise<((message: ToEngine) => Promise<void>) | undefined> {
  let backend: EngineBackend;
  try {
    backend = await createBackend(choice);
    send({ type: 'identity', identity: await backend.identity() });
  } catch (error) {
    send({ type: 'error', error: errorToJson(error) });
    port.close();
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
      port.close();
    }
  };
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
