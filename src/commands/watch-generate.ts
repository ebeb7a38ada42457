import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
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

/**
 * `sections generate --watch`: runs generate once, then again whenever the config or a file in a
 * section's schema folder changes. Runs never overlap; saves during a run cause one more run.
 */
export async function watchGenerate(options: GenerateOptions, handlers: WatchHandlers): Promise<Watcher> {
  const config = await loadConfig({ cwd: options.cwd, configFile: options.config });
  const outputs = new Set(config.sections.map((section) => section.typesFile));
  const folders = new Set([dirname(config.configFile), ...config.sections.map((section) => dirname(section.schemaFile))]);

  let running: Promise<void> = Promise.resolve();
  let pending = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const run = () => {
    running = running.then(async () => {
      pending = false;
      try {
        handlers.onResult(await (handlers.ask ? generateAsking(options, handlers.ask) : generate(options)));
      } catch (error) {
        handlers.onError(error);
      }
      if (pending && !closed) run();
    });
  };
  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      pending = true;
      run();
    }, DEBOUNCE_MS);
  };

  const watchers: FSWatcher[] = [...folders].map((folder) =>
    watch(folder, (_event, name) => {
      if (!name) return schedule();
      const file = join(folder, name.toString());
      // Our own writes (types files, temp files of the atomic writer) must not trigger a run.
      if (outputs.has(file) || basename(file).startsWith('.') || !WATCHED_EXTENSIONS.has(extname(file))) return;
      schedule();
    }),
  );
  pending = true;
  run();

  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      await running;
    },
  };
}
