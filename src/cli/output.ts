import { Chalk, type ChalkInstance } from 'chalk';
import { redactSecrets, redactValue } from '../redact.js';

export interface OutputOptions {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly color: boolean;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** The passwords this invocation knows of (see knownSecrets): masked in every line, whatever else is. */
  readonly secrets?: readonly string[];
}

/**
 * Everything the CLI prints goes through here, so `--json` keeps stdout to one JSON document,
 * `--quiet` keeps it empty, colour follows NO_COLOR / FORCE_COLOR / TTY, and no line can carry
 * a database password.
 */
export class Output {
  readonly color: ChalkInstance;
  readonly options: OutputOptions;

  constructor(options: OutputOptions) {
    this.options = options;
    this.color = new Chalk({ level: options.color ? 1 : 0 });
  }

  /** Human-readable progress and results; silent under --json and --quiet. */
  info(line = ''): void {
    this.clearProgress();
    if (this.options.json || this.options.quiet) return;
    this.options.stdout.write(`${this.redact(line)}\n`);
  }

  /** Only with --verbose; to stderr so it never mixes with results. */
  debug(line: string): void {
    if (!this.options.verbose) return;
    this.clearProgress();
    this.options.stderr.write(`${this.color.dim(this.redact(line))}\n`);
  }

  /** Something the user waits on (another process's lock): stderr, so --json keeps stdout clean. */
  notice(line: string): void {
    if (this.options.quiet) return;
    this.clearProgress();
    this.options.stderr.write(`${this.color.dim(this.redact(line))}\n`);
  }

  warn(line: string): void {
    if (this.options.quiet && !this.options.verbose) return;
    this.clearProgress();
    this.options.stderr.write(`${this.color.yellow('warning')} ${this.redact(line)}\n`);
  }

  error(line: string): void {
    this.clearProgress();
    this.options.stderr.write(`${this.color.red('error')} ${this.redact(line)}\n`);
  }

  /** Detail lines under an error, indented. */
  errorDetail(line: string): void {
    this.clearProgress();
    this.options.stderr.write(`  ${this.redact(line)}\n`);
  }

  /**
   * A transient status line for steps that take more than a moment, only on a TTY: piped output
   * and CI logs get no carriage-return noise.
   */
  progress(step: string): void {
    const stderr = this.options.stderr as NodeJS.WriteStream;
    if (this.options.json || this.options.quiet || !stderr.isTTY) return;
    this.clearBeforeForeignWrites();
    // The step erases the line it replaces itself.
    this.progressShown = false;
    stderr.write(`\r\x1b[K${this.color.dim(`${step}…`)}`);
    this.progressShown = true;
  }

  /** Every other line calls it first: a status line is never left in front of a message. */
  clearProgress(): void {
    if (!this.progressShown) return;
    // Before the write, which comes back here through the streams' wrapped write.
    this.progressShown = false;
    this.options.stderr.write('\r\x1b[K');
  }

  private progressShown = false;
  private wrappedStreams = false;

  /**
   * A user's schema module may print while it loads, straight to the process's streams: from the
   * first status line on, every write to them erases the line first. The streams are the CLI's own
   * (the programmatic API never prints), and the wrap lasts as long as the process.
   */
  private clearBeforeForeignWrites(): void {
    if (this.wrappedStreams) return;
    this.wrappedStreams = true;
    for (const stream of [this.options.stdout, this.options.stderr]) {
      const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
      stream.write = ((...args: unknown[]) => {
        this.clearProgress();
        return write(...args);
      }) as typeof stream.write;
    }
  }

  /** The one JSON document of a --json run. */
  json(value: unknown): void {
    this.clearProgress();
    this.options.stdout.write(`${this.redact(JSON.stringify(redactValue(value, this.options.secrets), null, 2))}\n`);
  }

  /** A GitHub Actions workflow command: stdout, as Actions reads it. */
  annotation(line: string): void {
    this.clearProgress();
    this.options.stdout.write(`${this.redact(line)}\n`);
  }

  /** Text commander writes (help, its own errors), as it formats it. */
  raw(stream: 'stdout' | 'stderr', text: string): void {
    this.clearProgress();
    this.options[stream].write(this.redact(text));
  }

  private redact(text: string): string {
    return redactSecrets(text, this.options.secrets);
  }
}

/** chalk's rules, decided once: FORCE_COLOR wins, then NO_COLOR, then whether stdout is a TTY. */
export function wantsColor(env: NodeJS.ProcessEnv, stream: { isTTY?: boolean }, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY);
}
