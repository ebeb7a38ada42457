import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { lintSql, parse } from './lint-corpus.js';

const ADD_REQUIRED = 'ALTER TABLE "user" ADD COLUMN "email" text NOT NULL;';

describe('-- sections:allow', () => {
  it('accepts the named rule on the statement right below, and keeps the reason on record', async () => {
    const outcome = await lintSql(`CREATE TABLE "x" ("id" text);\n-- sections:allow adding-required-field the table is empty in every environment\n${ADD_REQUIRED}`);
    expect(outcome.findings).toEqual([]);
    expect(outcome.allowed).toMatchObject([{ rule: 'adding-required-field', line: 3, because: 'the table is empty in every environment' }]);
  });

  it('reads a block of comment lines above the statement, after drizzle-kit\'s breakpoint', async () => {
    const sql = `CREATE TABLE "x" ("id" text);--> statement-breakpoint\n-- sections:allow ban-drop-column nothing reads it since v2\n-- sections:allow adding-required-field empty table\n${ADD_REQUIRED.replace(';', ', DROP COLUMN "legacy";')}`;
    const outcome = await lintSql(sql);
    expect(outcome.findings).toEqual([]);
    expect(outcome.allowed.map((each) => each.rule).sort()).toEqual(['adding-required-field', 'ban-drop-column']);
  });

  it('does not reach across a blank line, another statement, or to another rule', async () => {
    expect((await lintSql(`-- sections:allow adding-required-field empty\n\n${ADD_REQUIRED}`)).findings.map((f) => f.rule)).toEqual(['adding-required-field']);
    expect((await lintSql(`-- sections:allow adding-required-field empty\nSELECT 1;\n${ADD_REQUIRED}`)).findings.map((f) => f.rule)).toEqual(['adding-required-field']);
    expect((await lintSql(`-- sections:allow ban-drop-column empty\n${ADD_REQUIRED}`)).findings.map((f) => f.rule)).toEqual(['adding-required-field']);
  });

  it('refuses a directive without a reason or with an unknown rule, naming the file and line', async () => {
    await expect(parse(`SELECT 1;\n-- sections:allow adding-required-field\n${ADD_REQUIRED}`)).rejects.toThrow(new UserError('migrations/0001_change.sql:2: "-- sections:allow" needs a rule id and a reason, e.g. "-- sections:allow ban-drop-column no code reads it since v2.3"'));
    await expect(parse(`-- sections:allow adding-requird-field typo\n${ADD_REQUIRED}`)).rejects.toThrow(/migrations\/0001_change\.sql:1: "-- sections:allow adding-requird-field": no lint rule has that id/);
  });
});

describe('rule settings (config lint.rules)', () => {
  it('turns a rule off, downgrades an error to a warning, or raises a warning to an error', async () => {
    const sql = `${ADD_REQUIRED}\nCREATE INDEX "user_email_idx" ON "user" ("email");`;
    expect((await lintSql(sql)).findings.map((f) => [f.rule, f.severity])).toEqual([['adding-required-field', 'error'], ['require-concurrent-index-creation', 'warning']]);
    const changed = await lintSql(sql, { settings: { 'adding-required-field': 'warn', 'require-concurrent-index-creation': 'error' } });
    expect(changed.findings.map((f) => [f.rule, f.severity])).toEqual([['adding-required-field', 'warning'], ['require-concurrent-index-creation', 'error']]);
    expect((await lintSql(sql, { settings: { 'adding-required-field': 'off' } })).findings.map((f) => f.rule)).toEqual(['require-concurrent-index-creation']);
  });
});

describe('lines', () => {
  it('counts lines of the file, multi-byte characters and CRLF included', async () => {
    const outcome = await lintSql(`-- café, crème, 日本\r\nCREATE TABLE "é" ("id" text);\r\n--> statement-breakpoint\r\n${ADD_REQUIRED}\r\n`);
    expect(outcome.findings).toMatchObject([{ rule: 'adding-required-field', line: 4 }]);
  });
  it('reads the no-transaction directive on the first line only, CRLF or not', async () => {
    expect((await parse('-- sections:no-transaction\r\nCREATE INDEX CONCURRENTLY "a" ON "b" ("c");')).noTransaction).toBe(true);
    expect((await parse('\n-- sections:no-transaction\nCREATE INDEX CONCURRENTLY "a" ON "b" ("c");')).noTransaction).toBe(false);
  });
});
