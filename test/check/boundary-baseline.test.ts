import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBothWays, errors, type Problem } from '../helpers/check-cli.js';
import { NO_SERVER, runCli, type CliResult } from '../helpers/run-cli.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';

/**
 * Shaped like the chat and SaaS schemas teams split into sections: PascalCase tables, camelCase
 * columns, one central `User` every other section references by foreign key, a table in an
 * `auth` schema, and a `@/` path alias in tsconfig.
 */
const CONFIG = `export default {
  migrations: './src/db/migrations',
  features: './src/features',
  connections: './src/db/connections',
  codegen: { camelCase: false },
  publicIdReferences: { 'Invoice.payerRef': 'User', 'Document.reviewerRef': 'auth.Identity' },
  sections: {
    accounts: { schema: './src/db/schemas/accounts/schema.ts', types: './src/db/schemas/accounts/types.ts' },
    billing: { schema: './src/db/schemas/billing/schema.ts', types: './src/db/schemas/billing/types.ts' },
    content: { schema: './src/db/schemas/content/schema.ts', types: './src/db/schemas/content/types.ts' },
  },
};
`;

const ACCOUNTS = `import { pgSchema, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const User = pgTable('User', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  createdAt: timestamp('createdAt', { withTimezone: true }).notNull().defaultNow(),
});

export const auth = pgSchema('auth');

export const Identity = auth.table('Identity', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('userId').notNull().references(() => User.id),
  provider: text('provider').notNull(),
});
`;

const BILLING = `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { User } from '../accounts/schema.js';

export const Invoice = pgTable('Invoice', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('userId').notNull().references(() => User.id),
  payerRef: uuid('payerRef'),
  status: text('status').notNull(),
});

export const InvoiceLine = pgTable('InvoiceLine', {
  id: uuid('id').primaryKey().defaultRandom(),
  invoiceId: uuid('invoiceId').notNull().references(() => Invoice.id),
  description: text('description').notNull(),
});
`;

const PAYMENT = `
export const Payment = pgTable('Payment', {
  id: uuid('id').primaryKey().defaultRandom(),
  invoiceId: uuid('invoiceId').notNull().references(() => Invoice.id),
  paidById: uuid('paidById').notNull().references(() => User.id),
});
`;

const CONTENT = `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { Identity, User } from '../accounts/schema.js';

export const Document = pgTable('Document', {
  id: uuid('id').primaryKey().defaultRandom(),
  ownerId: uuid('ownerId').notNull().references(() => User.id),
  identityId: uuid('identityId').references(() => Identity.id),
  reviewerRef: uuid('reviewerRef'),
  title: text('title').notNull(),
});
`;

const TSCONFIG = JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', strict: true, paths: { '@/*': ['./src/*'] } } }, null, 2);

/** Through the `@/` alias, extensionless: only TypeScript's resolution sees where it leads. */
const ALIAS_IMPORT = "import type { DB } from '@/db/schemas/accounts/types';\nimport type { DB as Own } from '@/db/schemas/billing/types';\nexport type Owner = DB['User'] & Own['Invoice'];\n";
/** Relative, with `.js` naming the `.ts` file, as ESM TypeScript writes it. */
const CONNECTION_IMPORT = "import { db } from '../../../db/connections/accounts.js';\nexport const users = () => db;\n";

const FOUND_TODAY = {
  foreignKeys: [
    { section: 'billing', table: 'Invoice', constraint: 'Invoice_userId_User_id_fk' },
    { section: 'content', table: 'Document', constraint: 'Document_identityId_Identity_id_fk' },
    { section: 'content', table: 'Document', constraint: 'Document_ownerId_User_id_fk' },
  ],
  imports: [
    { section: 'billing', file: 'src/features/billing/invoice/owner-lookup.ts', imports: 'src/db/schemas/accounts/types.ts' },
    { section: 'content', file: 'src/features/content/document/notify.ts', imports: 'src/db/connections/accounts.ts' },
  ],
};

function realShapeProject(config = CONFIG): TempProject {
  return createTempProject({
    files: {
      'sections.config.ts': config,
      'tsconfig.json': TSCONFIG,
      'src/db/schemas/accounts/schema.ts': ACCOUNTS,
      'src/db/schemas/billing/schema.ts': BILLING,
      'src/db/schemas/content/schema.ts': CONTENT,
    },
  });
}

async function generate(project: TempProject): Promise<CliResult> {
  const result = await runCli(['generate'], { cwd: project.dir });
  expect(result.exitCode, result.stderr).toBe(0);
  return result;
}

/** The project after generate, with the two feature files that cross sections by import. */
async function generatedProject(config = CONFIG): Promise<TempProject> {
  const project = realShapeProject(config);
  await generate(project);
  project.write('src/features/billing/invoice/owner-lookup.ts', ALIAS_IMPORT);
  project.write('src/features/content/document/notify.ts', CONNECTION_IMPORT);
  return project;
}

const check = (project: TempProject) => checkBothWays(project);

/** A problem as check --json reports one that fails the run. */
const anError = (kind: string, section: string, file: string, message: string): Problem => ({ kind, severity: 'error', section, file, message });

describe('boundary baseline on a real shape (PascalCase tables, a central User, an @/ alias)', () => {
  it('fails on today\'s violations, records them with --update-baseline, accepts them, and fails only on a new one', async () => {
    const project = await generatedProject();

    const red = await check(project);
    expect(red.exitCode).toBe(1);
    expect(errors(red.problems).map((problem) => `${problem.kind} ${problem.section}`).sort()).toEqual([
      'foreign-key-boundary billing',
      'foreign-key-boundary content',
      'foreign-key-boundary content',
      'import-boundary billing',
      'import-boundary content',
    ]);
    const messages = red.problems.map((problem) => problem.message);
    expect(messages).toContain(
      'foreign key Document(identityId) → auth.Identity(id) crosses from section "content" into section "accounts"; reference it by public id instead: a column `identityPublicId uuid` without a foreign key',
    );
    expect(messages).toContain('imports section "accounts"\'s types (\'@/db/schemas/accounts/types\'); use that section\'s repository or service instead');
    expect(messages).toContain('imports section "accounts"\'s connection (\'../../../db/connections/accounts.js\'); use that section\'s repository or service instead');
    expect(red.accepted).toEqual([]);
    expect(red.human.stderr).toContain('[foreign-key-boundary] src/db/schemas/billing/schema.ts: foreign key Invoice(userId) → User(id) crosses from section "billing" into section "accounts"');

    const updated = await runCli(['--json', 'check', '--update-baseline'], { cwd: project.dir, env: NO_SERVER });
    expect(updated.exitCode, updated.stdout).toBe(0);
    expect(JSON.parse(updated.stdout).baseline).toEqual({ file: project.path('sections.boundaries.json'), status: 'created' });
    expect(JSON.parse(project.read('sections.boundaries.json'))).toEqual(FOUND_TODAY);

    // A reason written by hand is shown with the violation it accepts.
    const baseline = JSON.parse(project.read('sections.boundaries.json')) as typeof FOUND_TODAY;
    project.write('sections.boundaries.json', JSON.stringify({ ...baseline, foreignKeys: baseline.foreignKeys.map((entry, index) => (index === 0 ? { ...entry, reason: 'invoices outlive nothing; split in Q3' } : entry)) }, null, 2));
    const green = await check(project);
    expect(green.exitCode, green.human.stderr).toBe(0);
    expect(green.ok).toBe(true);
    expect(green.problems.filter((problem) => problem.kind.includes('boundary'))).toEqual([]);
    expect(green.accepted.map((accepted) => [accepted.kind, accepted.section, accepted.reason])).toEqual([
      ['foreign-key-boundary', 'billing', 'invoices outlive nothing; split in Q3'],
      ['foreign-key-boundary', 'content', null],
      ['foreign-key-boundary', 'content', null],
      ['import-boundary', 'billing', null],
      ['import-boundary', 'content', null],
    ]);
    expect(green.human.stdout).toContain('5 boundary violations accepted by sections.boundaries.json:');
    expect(green.human.stdout).toContain('[foreign-key-boundary] src/db/schemas/billing/schema.ts: foreign key Invoice(userId) → User(id) crosses from section "billing" into section "accounts"; reference it by public id instead: a column `userPublicId uuid` without a foreign key (accepted: invoices outlive nothing; split in Q3)');
    expect(green.human.stdout).toContain('✓ migrations, types, stubs and boundaries are up to date');

    // One new table with one new foreign key into accounts: that one fails, nothing else.
    project.write('src/db/schemas/billing/schema.ts', BILLING + PAYMENT);
    await generate(project);
    const added = await check(project);
    expect(added.exitCode).toBe(1);
    expect(errors(added.problems)).toEqual([
      anError(
        'foreign-key-boundary',
        'billing',
        project.path('src/db/schemas/billing/schema.ts'),
        'foreign key Payment(paidById) → User(id) crosses from section "billing" into section "accounts"; reference it by public id instead: a column `userPublicId uuid` without a foreign key',
      ),
    ]);
    expect(added.accepted).toHaveLength(5);

    // Recording it keeps the reason given by hand.
    expect((await runCli(['check', '--update-baseline'], { cwd: project.dir, env: NO_SERVER })).exitCode).toBe(0);
    const recorded = JSON.parse(project.read('sections.boundaries.json')) as { foreignKeys: { constraint: string; reason?: string }[] };
    expect(recorded.foreignKeys.map((entry) => [entry.constraint, entry.reason])).toEqual([
      ['Invoice_userId_User_id_fk', 'invoices outlive nothing; split in Q3'],
      ['Payment_paidById_User_id_fk', undefined],
      ['Document_identityId_Identity_id_fk', undefined],
      ['Document_ownerId_User_id_fk', undefined],
    ]);
    expect((await check(project)).exitCode).toBe(0);

    // A violation fixed leaves a stale entry, which fails until the baseline shrinks.
    rmSync(project.path('src/features/content/document/notify.ts'));
    const stale = await check(project);
    expect(stale.exitCode).toBe(1);
    expect(errors(stale.problems)).toEqual([
      anError(
        'boundary-baseline-stale',
        'content',
        project.path('sections.boundaries.json'),
        'sections.boundaries.json accepts the import of src/db/connections/accounts.ts in src/features/content/document/notify.ts (section "content"), which is no longer there; run `sections check --update-baseline` so that it cannot come back unnoticed',
      ),
    ]);
    const shrunk = await runCli(['--json', 'check', '--update-baseline'], { cwd: project.dir, env: NO_SERVER });
    expect(shrunk.exitCode).toBe(0);
    expect(JSON.parse(shrunk.stdout).baseline.status).toBe('updated');
    expect(JSON.parse(project.read('sections.boundaries.json')).imports).toEqual([FOUND_TODAY.imports[0]]);
  });

  it('generate warns only about violations the baseline does not accept', async () => {
    const project = await generatedProject();
    expect((await runCli(['check', '--update-baseline'], { cwd: project.dir, env: NO_SERVER })).exitCode).toBe(0);
    project.write('src/db/schemas/billing/schema.ts', BILLING + PAYMENT);
    const result = await generate(project);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('crosses from section'));
    expect(warnings).toEqual([
      'warning section "billing": foreign key Payment(paidById) → User(id) crosses from section "billing" into section "accounts"; reference it by public id instead: a column `userPublicId uuid` without a foreign key',
    ]);
  });

  it('a feature file unchanged since the last check is judged again when the tsconfig changes where its alias leads', async () => {
    const project = await generatedProject();
    const before = await check(project);
    expect(errors(before.problems).filter((problem) => problem.kind === 'import-boundary').map((problem) => problem.section)).toEqual(['billing', 'content']);
    // `@/` now leads into the features folder, where no section's types are.
    project.write('tsconfig.json', TSCONFIG.replace('"./src/*"', '"./src/features/*"'));
    const after = await check(project);
    expect(errors(after.problems).filter((problem) => problem.kind === 'import-boundary').map((problem) => problem.section)).toEqual(['content']);
  });

  it('an import through a workspace package\'s exports is resolved to the file it names', async () => {
    const project = await generatedProject();
    rmSync(project.path('src/features/content/document/notify.ts'));
    rmSync(project.path('src/features/billing/invoice/owner-lookup.ts'));
    // A monorepo's database package, linked into node_modules as npm workspaces do.
    project.write('src/db/package.json', JSON.stringify({ name: '@acme/db', type: 'module', exports: { './accounts': './schemas/accounts/types.ts', './billing': './schemas/billing/types.ts' } }));
    mkdirSync(project.path('node_modules/@acme'), { recursive: true });
    symlinkSync(project.path('src/db'), project.path('node_modules/@acme/db'), 'dir');
    project.write('src/features/content/document/via-package.ts', "import type { DB } from '@acme/db/accounts';\nexport type Users = DB['User'];\n");
    const { problems, exitCode } = await check(project);
    expect(exitCode).toBe(1);
    expect(errors(problems).filter((problem) => problem.kind === 'import-boundary')).toEqual([
      anError(
        'import-boundary',
        'content',
        project.path('src/features/content/document/via-package.ts'),
        'imports section "accounts"\'s types (\'@acme/db/accounts\'); use that section\'s repository or service instead',
      ),
    ]);
  });

  it('severities: warn reports without failing, off does not look; an unknown value is a config error naming the key', async () => {
    const warn = await generatedProject(CONFIG.replace("codegen: { camelCase: false },", "codegen: { camelCase: false },\n  boundaries: { foreignKeys: 'warn', imports: 'off' },"));
    const importEntry = { section: 'content', file: 'src/features/content/old.ts', imports: 'src/db/connections/accounts.ts', reason: 'kept while imports are off' };
    warn.write('sections.boundaries.json', JSON.stringify({ foreignKeys: [{ section: 'billing', table: 'Refund', constraint: 'Refund_userId_User_id_fk' }], imports: [importEntry] }));
    const result = await check(warn);
    expect(result.exitCode, result.human.stderr).toBe(0);
    expect(result.problems.map((problem) => `${problem.kind} ${problem.severity}`)).toEqual([
      'foreign-key-boundary warning',
      'foreign-key-boundary warning',
      'foreign-key-boundary warning',
      'boundary-baseline-stale warning',
    ]);
    expect(result.human.stderr).toContain('warning [foreign-key-boundary]');
    expect(result.human.stderr).toContain('warning [boundary-baseline-stale] sections.boundaries.json: sections.boundaries.json accepts foreign key "Refund_userId_User_id_fk" of table "Refund" (section "billing")');

    // The rule that is off keeps its entries as they are; the other is recorded anew.
    expect((await runCli(['check', '--update-baseline'], { cwd: warn.dir, env: NO_SERVER })).exitCode).toBe(0);
    expect(JSON.parse(warn.read('sections.boundaries.json'))).toEqual({ foreignKeys: FOUND_TODAY.foreignKeys, imports: [importEntry] });
    const recorded = await check(warn);
    expect(recorded.problems).toEqual([]);
    expect(recorded.accepted).toHaveLength(3);

    const bad = realShapeProject(CONFIG.replace("codegen: { camelCase: false },", "codegen: { camelCase: false },\n  boundaries: { foreignKeys: 'fatal' },"));
    const refused = await runCli(['check'], { cwd: bad.dir, env: NO_SERVER });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('boundaries.foreignKeys');
    expect(refused.stderr).toContain('"error"');
  });

  it('a malformed baseline is a user error naming the file and the key', async () => {
    const project = await generatedProject();
    project.write('sections.boundaries.json', JSON.stringify({ foreignKeys: [{ section: 'billing', table: 'Invoice' }] }));
    const result = await runCli(['check'], { cwd: project.dir, env: NO_SERVER });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('sections.boundaries.json: foreignKeys.0.constraint');
  });
});
