import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { onTestFinished } from 'vitest';
import { SHARED_CACHE_DIR } from './run-cli.js';
import { REPO_ROOT } from './temp-project.js';

export interface WatchProcess {
  readonly child: ResultPromise<{ reject: false; all: true }>;
  /** Everything the watcher printed so far, stdout and stderr interleaved. */
  readonly output: () => string;
  /** Resolves once the output matches; rejects when the watcher exits first or after a while. */
  readonly waitFor: (pattern: RegExp) => Promise<void>;
}

/** `sections generate --watch` in a project, as a developer's terminal runs it; the suite's cache unless told another. */
export function startWatch(cwd: string, cacheDir = SHARED_CACHE_DIR): WatchProcess {
  const child = execa(process.execPath, [join(REPO_ROOT, 'bin', 'sections.js'), 'generate', '--watch'], {
    cwd,
    env: { NO_COLOR: '1', SECTIONS_CACHE_DIR: cacheDir },
    reject: false,
    all: true,
  });
  // A failed wait must not leave the watcher running.
  onTestFinished(() => void child.kill('SIGKILL'));
  let seen = '';
  child.all.on('data', (chunk: Buffer) => {
    seen += chunk.toString();
  });
  const waitFor = async (pattern: RegExp) => {
    const giveUp = Date.now() + 120_000;
    while (!pattern.test(seen)) {
      if (child.exitCode !== null) throw new Error(`the watcher exited before printing ${pattern}:\n${seen}`);
      if (Date.now() > giveUp) throw new Error(`timed out waiting for ${pattern}; output so far:\n${seen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return { child, output: () => seen, waitFor };
}
