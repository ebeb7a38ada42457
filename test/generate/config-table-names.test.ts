import { copyFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject } from '../helpers/temp-project.js';

/** A PascalCase project with an `auth` schema, like a Supabase-style app. */
const CONFIG = (accounts: string) => `export default {
  migrations: './db/migrations',
  features: './features',
  codegen: { camelCase: false },
  publicIdReferences: { 'Document.ownerRef': 'User' },
  sections: {
    accounts: { schema: './db/accounts/schema.ts', types: './db/accounts/types.ts'${accounts} },
    content: { schema: './db/content/schema.ts', types: './db/content/types.ts' },
  },
};
`;

const ACCOUNTS = `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';

export const User = pgTable('User', {
  id: uuid('id').primaryKey().defaultRandom(),
  public_id: uuid('public_id').notNull().unique().defaultRandom(),
  email: text('email').notNull(),
});
`;

const CONTENT = `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';

export const Document = pgTable('Document', {
  id: uuid('id').primaryKey().defaultRandom(),
  ownerRef: uuid('ownerRef').notNull(),
  title: text('title').notNull(),
});
`;

describe('config keys name tables as PostgreSQL does', () => {
  it('publicIdReferences with a PascalCase table, and extraTables with a table in the auth schema created by hand', async () => {
    const project = createTempProject({
      files: { 'sections.config.ts': CONFIG(''), 'db/accounts/schema.ts': ACCOUNTS, 'db/content/schema.ts': CONTENT },
    });
    const first = await runCli(['generate'], { cwd: project.dir });
    expect(first.exitCode, first.stderr).toBe(0);
    // The mapped reference gives Document's service the batched loader of User.
    expect(project.read('features/content/document/document.service.ts')).toContain('User');

    // A hand-written migration, as `drizzle-kit generate --custom` lays it out.
    project.write('db/migrations/0001_auth.sql', 'CREATE SCHEMA "auth";\nCREATE TABLE "auth"."AuditLog" ("id" uuid PRIMARY KEY, "action" text NOT NULL);');
    copyFileSync(project.path('db/migrations/meta/0000_snapshot.json'), project.path('db/migrations/meta/0001_snapshot.json'));
    const journal = JSON.parse(project.read('db/migrations/meta/_journal.json'));
    journal.entries.push({ idx: 1, version: '7', when: Date.now(), tag: '0001_auth', breakpoints: true });
    project.write('db/migrations/meta/_journal.json', JSON.stringify(journal, null, 2));
    const unowned = await runCli(['generate'], { cwd: project.dir });
    expect(unowned.exitCode).toBe(2);
    expect(unowned.stderr).toContain('table "auth.AuditLog" exists after the migrations but no section owns it');

    project.write('sections.config.ts', CONFIG(", extraTables: ['auth.AuditLog']"));
    const owned = await runCli(['generate'], { cwd: project.dir });
    expect(owned.exitCode, owned.stderr).toBe(0);
    expect(project.read('db/accounts/types.ts')).toContain('"auth.AuditLog": AuthAuditLog;');
    expect(project.read('db/content/types.ts')).not.toContain('AuditLog');

    // The same name in the wrong case or schema names no table.
    project.write('sections.config.ts', CONFIG(", extraTables: ['auth.auditlog']"));
    const wrongCase = await runCli(['generate'], { cwd: project.dir });
    expect(wrongCase.exitCode).toBe(2);
    expect(wrongCase.stderr).toContain('table "auth.AuditLog" exists after the migrations but no section owns it');
  });
});
