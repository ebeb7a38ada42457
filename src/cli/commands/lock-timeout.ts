import { InvalidArgumentError, Option } from 'commander';
import type { LockOptions } from '../../lock-file.js';
import type { Output } from '../output.js';

const seconds = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError('expected a number of seconds');
  return parsed;
};

/** `--lock-timeout <seconds>`: how long a command waits for another one working on the same project. */
export function lockTimeoutOption(what = 'another sections command working on this project'): Option {
  return new Option('--lock-timeout <seconds>', `how long to wait for ${what}`).argParser(seconds).default(60);
}

/** The lock options a command gets from the CLI: the flag's timeout, and a line on stderr while waiting. */
export function lockOptions(timeoutSeconds: number, output: Output): LockOptions {
  return { timeoutMs: timeoutSeconds * 1000, onWait: (message) => output.notice(message) };
}
