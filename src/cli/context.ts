import type { Output } from './output.js';

/** Flags every command takes, resolved before the command runs. */
export interface GlobalOptions {
  readonly cwd: string;
  readonly config: string | undefined;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
}

export interface CliContext {
  readonly global: () => GlobalOptions;
  readonly output: () => Output;
  /** Set by an action; the process exits with it. */
  exitCode: number;
}
