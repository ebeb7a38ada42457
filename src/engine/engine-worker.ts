import { parentPort, workerData } from 'node:worker_threads';
import { metadataToJson } from '../codegen/introspect.js';
import { isSectionsError } from '../errors.js';
import { createBackend } from './create-backend.js';
import type { EngineThreadData, ErrorJson, FromEngine, ToEngine } from './engine-messages.js';
import { MigrationRefusedError } from './migration-refused.js';
import { prepareEngine, type PreparedEngine } from './prepared-engine.js';

/*
 * The engine's thread (see engine-thread.ts): boots the engine and applies the folder's migrations
 * while the calling thread loads and diffs the schemas, then runs the new migration it is sent
 * and answers with the introspected metadata.
 */
const port = parentPort!;
const { backend: choice, history } = workerData as EngineThreadData;
const send = (message: FromEngine) => port.postMessage(message);

const backend = await createBackend(choice);
let prepared: Promise<PreparedEngine> | undefined;
const prepare = () => (prepared ??= prepareEngine(backend, history, (step) => send({ type: 'progress', step })));

port.on('message', async (message: ToEngine) => {
  if (message.type === 'prepare') {
    // Reported when finishing; an abandoned run needs no answer.
    prepare().catch(() => undefined);
    return;
  }
  try {
    if (message.type === 'abandon') await (await prepared?.catch(() => undefined))?.abandon();
    else send({ type: 'metadata', metadata: metadataToJson(await (await prepare()).finish(message.next)) });
  } catch (error) {
    send({ type: 'error', error: errorToJson(error) });
  } finally {
    await backend.close();
    port.close();
  }
});
try {
  send({ type: 'identity', identity: await backend.identity() });
} catch (error) {
  send({ type: 'error', error: errorToJson(error) });
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
