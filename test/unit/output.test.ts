import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Output } from '../../src/cli/output.js';

/** A terminal-like stream that keeps what was written. */
function terminal(): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { isTTY: true, text: () => chunks.join('') });
}

const output = (options: { json?: boolean; verbose?: boolean } = {}) => {
  const stdout = terminal();
  const stderr = terminal();
  return { stdout, stderr, out: new Output({ json: false, quiet: false, verbose: false, color: false, stdout, stderr, ...options }) };
};

const CLEAR = '\r\x1b[K';

describe('the progress line', () => {
  it('is cleared before an error, its details, a warning, a debug line and a result line', () => {
    const cases: [string, (out: Output) => void, string][] = [
      ['error', (out) => out.error('the schema change is ambiguous'), 'error the schema change is ambiguous\n'],
      ['errorDetail', (out) => out.errorDetail('candidates: a, b'), '  candidates: a, b\n'],
      ['warn', (out) => out.warn('a foreign key crosses sections'), 'warning a foreign key crosses sections\n'],
    ];
    for (const [name, print, line] of cases) {
      const { stderr, out } = output();
      out.progress('diffing schemas');
      print(out);
      expect(stderr.text(), name).toBe(`${CLEAR}diffing schemas…${CLEAR}${line}`);
    }
    const verbose = output({ verbose: true });
    verbose.out.progress('diffing schemas');
    verbose.out.debug('tables: a');
    expect(verbose.stderr.text()).toBe(`${CLEAR}diffing schemas…${CLEAR}tables: a\n`);

    const info = output();
    info.out.progress('diffing schemas');
    info.out.info('migration 0001_x.sql created');
    expect(info.stderr.text()).toBe(`${CLEAR}diffing schemas…${CLEAR}`);
    expect(info.stdout.text()).toBe('migration 0001_x.sql created\n');
  });

  it('is cleared once: lines after the first are printed as they are', () => {
    const { stderr, out } = output();
    out.progress('applying 0001_x');
    out.error('one');
    out.error('two');
    expect(stderr.text()).toBe(`${CLEAR}applying 0001_x…${CLEAR}error one\nerror two\n`);
  });
});
