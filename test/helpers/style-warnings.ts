/**
 * stderr without the migration lint's style advice (serial ids, int, varchar, timestamp, char), which
 * `generate` prints for fixtures shaped like everyday drizzle projects. Whatever else is on stderr stays,
 * so a test asserting the rest is empty still catches any other warning or error.
 */
export function withoutStyleWarnings(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !/^warning \[(prefer-bigint-over-int|prefer-identity|prefer-text-field|prefer-timestamptz|ban-char-field)\] /.test(line))
    .join('\n')
    .trim();
}
