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
  /** The arguments as given, for what commander's parsed options cannot tell (a flag and its negation both given). */
  readonly argv: readonly string[];
  /** Set by an action; the process exits with it. */
  exitCode: number;
}
