import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, extname, join, sep } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { UserError } from '../errors.js';
import type { CreatedEntity, RenameSpec } from '../migrations/renames.js';
import { chooseBackend } from '../engine/create-backend.js';
import { residentEngine } from '../engine/engine-thread.js';
import { stampedSourceFiles } from '../plan/generation-stamp.js';
import { generate, generateAsking, type AskRenames, type GenerateOptions, type GenerateResult } from './generate.js';

export interface WatchHandlers {
  readonly onResult: (result: GenerateResult) => void;
  /** Errors are reported and watching goes on: the next save may fix them. */
  readonly onError: (error: unknown) => void;
  /** Asks rename questions (a terminal prompt); without it they are reported through onError. */
  readonly ask?: AskRenames;
}

export interface Watcher {
  /** Stops watching and waits for a run in progress (so its engine is closed). */
  close(): Promise<void>;
}

const WATCHED_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json']);
const DEBOUNCE_MS = 150;
const NODE_MODULES = `${sep}node_modules${sep}`;

/**
 * `sections generate --watch`: runs generate once, then again whenever the config or a file in a
 * section's schema folder, or in the folder of a local file a schema module loads, changes. Runs
 * never overlap; saves during a run cause one more run. The engine stays booted between runs (see
 * `residentEngine`), so a save costs the new migration's execution, not the engine's start.
 */
export async function watchGenerate(options: GenerateOptions, handlers: WatchHandlers): Promise<Watcher> {
  // Each change would write one more migration of its own.
  if (options.custom) throw new UserError('--custom writes one migration; it does not go with --watch');
  const config = await loadConfig({ cwd: options.cwd, configFile: options.config });
  const outputs = new Set(config.sections.map((section) => section.typesFile));
  const folders = new Set([dirname(config.configFile), ...config.sections.map((section) => dirname(section.schemaFile))]);

  let running: Promise<void> = Promise.resolve();
  let pending = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const engineHost = residentEngine();
  engineHost.warm(chooseBackend(config, options.shadowUrl));

  // One draft migration per session (not with --safe, which writes two at once), and the rename
  // answers given for it: each run diffs from before the draft, so they are needed again.
  let draft: string | undefined;
  const answers: { renames: RenameSpec[]; created: CreatedEntity[] } = { renames: [], created: [] };
  const ask: AskRenames | undefined =
    handlers.ask &&
    (async (questions) => {
      const given = await handlers.ask!(questions);
      answers.renames.push(...given.renames);
      answers.created.push(...given.created);
      return given;
    });
  const generateOnce = async () => {
    const runOptions: GenerateOptions = { ...options, engineHost, answers: { renames: [...answers.renames], created: [...answers.created] }, ...(options.safe ? {} : { draft }) };
    const result = await (ask ? generateAsking(runOptions, ask) : generate(runOptions));
    if (result.migration) draft = result.migration.tag;
    else if (result.replacedDraft) draft = undefined;
    return result;
  };

  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      pending = true;
      run();
    }, DEBOUNCE_MS);
  };

  const watchers = new Map<string, FSWatcher>();
  const watchFolder = (folder: string) => {
    if (closed || watchers.has(folder)) return;
    watchers.set(
      folder,
      watch(folder, (_event, name) => {
        if (!name) return schedule();
        const file = join(folder, name.toString());
        // Our own writes (types files, temp files of the atomic writer) must not trigger a run.
        if (outputs.has(file) || basename(file).startsWith('.') || !WATCHED_EXTENSIONS.has(extname(file))) return;
        schedule();
      }),
    );
  };
  for (const folder of folders) watchFolder(folder);
  // A schema module may import tables from elsewhere (an adopted drizzle project's section module
  // re-exports them): after each run, the folders of every local file it loaded are watched too.
  const watchLoadedFolders = async () => {
    for (const file of await stampedSourceFiles(config)) if (!file.includes(NODE_MODULES)) watchFolder(dirname(file));
  };
  // Each save queues a run after the one in progress; saves during one run are answered by one run.
  const run = () => {
    running = running.then(async () => {
      if (!pending || closed) return;
      pending = false;
      try {
        handlers.onResult(await generateOnce());
      } catch (error) {
        handlers.onError(error);
      }
      await watchLoadedFolders().catch(() => undefined);
    });
  };
  pending = true;
  run();
  // After the first run, which the stamp usually answers without planning anything.
  running = running.then(async () => {
    if (closed) return;
    const { loadPlanModules } = await import('../plan/generate-plan.js');
    await loadPlanModules();
  }).catch(() => undefined);

  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      await running;
      await engineHost.close();
    },
  };
}
