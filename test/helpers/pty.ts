import { execa } from 'execa';
import { join } from 'node:path';
import { SHARED_CACHE_DIR } from './run-cli.js';
import { onTestFinished } from 'vitest';
import { REPO_ROOT } from './temp-project.js';

/** Keys as a terminal sends them. */
export const KEYS = { down: '\x1b[B', enter: '\r', ctrlC: '\x03' } as const;

export interface PtySession {
  /** Types into the terminal. */
  write(keys: string): void;
  /** Resolves once everything the terminal showed so far matches (rejects after a timeout, with the output). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Everything the terminal showed, control sequences included. */
  output(): string;
  /** The exit code of `sections` itself and the whole terminal output. */
  readonly done: Promise<{ readonly exitCode: number; readonly output: string }>;
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * Runs the built `sections` binary on a pseudo-terminal, as a user at a terminal would: util-linux
 * `script` gives it a pty for stdin, stdout and stderr, and passes its exit code on (-e).
 */
export function runCliInPty(args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }): PtySession {
  // `script` runs the command through $SHELL -c, or /bin/sh when SHELL is unset (as under CI). Ctrl-C
  // signals the terminal's whole foreground group: without exec, dash would die of it itself and
  // `script` would report 130 whatever `sections` exited with.
  const command = `exec ${[process.execPath, join(REPO_ROOT, 'bin', 'sections.js'), ...args].map(quote).join(' ')}`;
  const child = execa('script', ['-qfec', command, '/dev/null'], {
    cwd: options.cwd,
    env: { NO_COLOR: '1', FORCE_COLOR: undefined, DATABASE_URL: undefined, SECTIONS_CACHE_DIR: SHARED_CACHE_DIR, ...options.env },
    extendEnv: true,
    reject: false,
    stdin: 'pipe',
    timeout: 180_000,
  });
  onTestFinished(() => {
    child.kill();
  });
  let seen = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    seen += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);

  return {
    write: (keys) => child.stdin!.write(keys),
    output: () => seen,
    waitFor: (pattern, timeoutMs = 90_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!pattern.test(seen)) return;
          clearTimeout(timeout);
          listeners.delete(check);
          resolve();
        };
        const timeout = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; the terminal showed:\n${JSON.stringify(seen)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
    done: child.then((result) => ({ exitCode: result.exitCode ?? -1, output: seen })),
  };
}
