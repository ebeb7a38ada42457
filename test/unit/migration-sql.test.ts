import { describe, expect, it } from 'vitest';
import { NO_TRANSACTION_DIRECTIVE, rollsBackCleanly, runsOutsideTransaction, splitStatements } from '../../src/migrations/migration-sql.js';

describe('how a migration file runs', () => {
  it('runs outside a transaction only when its first line is the directive', () => {
    expect(runsOutsideTransaction(`${NO_TRANSACTION_DIRECTIVE}\nCREATE INDEX CONCURRENTLY i ON a (id);`)).toBe(true);
    expect(runsOutsideTransaction(`${NO_TRANSACTION_DIRECTIVE}\r\nCREATE INDEX CONCURRENTLY i ON a (id);`)).toBe(true);
    expect(runsOutsideTransaction(`\uFEFF${NO_TRANSACTION_DIRECTIVE}  \nVACUUM a;`)).toBe(true);
    // Quoted in a later comment, or in a string, it is just text.
    expect(runsOutsideTransaction(`CREATE TABLE a (id int);\n${NO_TRANSACTION_DIRECTIVE}\n`)).toBe(false);
    expect(runsOutsideTransaction(`-- adds a column; see ${NO_TRANSACTION_DIRECTIVE} in the README\nALTER TABLE a ADD b int;`)).toBe(false);
    expect(runsOutsideTransaction(`${NO_TRANSACTION_DIRECTIVE}-ish\nVACUUM a;`)).toBe(false);
  });

  it('splits at drizzle\'s breakpoints, as its migrator does', () => {
    expect(splitStatements('CREATE TABLE a (id int);\n--> statement-breakpoint\nALTER TABLE a ADD b int;\n')).toEqual(['CREATE TABLE a (id int);', 'ALTER TABLE a ADD b int;']);
  });

  it('tries a migration in a rolled-back transaction only when nothing in it ends that transaction', () => {
    expect(rollsBackCleanly('CREATE TABLE "a" ("id" serial PRIMARY KEY NOT NULL);--> statement-breakpoint\nALTER TYPE "mood" ADD VALUE \'sad\';')).toBe(true);
    expect(rollsBackCleanly('BEGIN;\ncreate table b (id int);\nCOMMIT;')).toBe(false);
    expect(rollsBackCleanly('create table c (id int); commit;')).toBe(false);
    expect(rollsBackCleanly(`${NO_TRANSACTION_DIRECTIVE}\nCREATE INDEX CONCURRENTLY i ON a (id);`)).toBe(false);
  });
});
