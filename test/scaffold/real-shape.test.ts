import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.js';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, REPO_ROOT } from '../helpers/temp-project.js';
import { expectGoldenFiles, scaffoldedFiles } from './golden-files.js';
import { CHAT_SCHEMA, realShapeFiles, REAL_SHAPE_CONFIG } from './real-shape-project.js';
import { compile, runExercise, STRICT_TSCONFIG } from './scaffold-runtime.js';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe('scaffolds of a real-shaped project', () => {
  it('generate → migrate on the server → tsc → create, findByPublicId, list, whole-key methods, batched enrichment, drizzle relations', async () => {
    const project = createTempProject({ files: realShapeFiles() });
    const generated = await runCli(['generate'], { cwd: project.dir });
    expect(generated.exitCode, generated.stderr).toBe(0);
    // public.User and auth.User: two folders, two classes, each created once.
    expect(generated.stdout.match(/created repository features\/identity\/user\/user\.repository\.ts/g)).toHaveLength(1);
    expect(generated.stdout.match(/created repository features\/identity\/auth-user\/auth-user\.repository\.ts/g)).toHaveLength(1);
    expect(project.read('features/identity/auth-user/auth-user.repository.ts')).toContain("export class AuthUserRepository {\n");
    expect(project.read('features/identity/auth-user/auth-user.repository.ts')).toContain("selectFrom('auth.User')");
    // The composite key is taken whole; a table without a primary key has no by-key methods.
    const messages = project.read('features/chat/message/message.repository.ts');
    expect(messages).toContain("async delete(key: Pick<Message, 'id' | 'createdAt'>): Promise<boolean> {");
    expect(messages).toContain(".where('id', '=', key.id).where('createdAt', '=', key.createdAt)");
    // Versions repeat Summary's public id: no method looks one row up by it.
    const summaries = project.read('features/chat/summary/summary.repository.ts');
    expect(summaries).toContain("async findById(key: Pick<Summary, 'id' | 'version'>)");
    expect(summaries).not.toContain('PublicId');
    const events = project.read('features/chat/event/event.repository.ts');
    expect(events).not.toMatch(/findById|update\(|delete\(/);
    const stubs = scaffoldedFiles(project);
    expect(stubs.map(([file]) => file)).toEqual([
      'connections/chat.ts',
      'connections/identity.ts',
      'connections/pool.ts',
      'connections/transaction.ts',
      'features/chat/chat/chat.repository.ts',
      'features/chat/chat/chat.service.ts',
      'features/chat/event/event.repository.ts',
      'features/chat/event/event.service.ts',
      'features/chat/message/message.repository.ts',
      'features/chat/message/message.service.ts',
      'features/chat/summary/summary.repository.ts',
      'features/chat/summary/summary.service.ts',
      'features/identity/auth-user/auth-user.repository.ts',
      'features/identity/auth-user/auth-user.service.ts',
      'features/identity/user/user.repository.ts',
      'features/identity/user/user.service.ts',
    ]);
    expectGoldenFiles(stubs, join(REPO_ROOT, 'test', 'scaffold', 'golden-real-shape'));
    // Chat's relations reach identity's User: left out of chat's drizzle instance, Message's kept.
    expect(project.read('connections/chat.ts')).toContain('const { chatRelations: _chatRelations, ...ownSchema } = schema;');

    // Types, stubs and migrations agree with the schemas: the one problem left is the central User's foreign key.
    const checked = await runCli(['check', '--json'], { cwd: project.dir });
    expect(JSON.parse(checked.stdout).problems.map((problem: { kind: string; message: string }) => `${problem.kind}: ${problem.message.split(';')[0]}`)).toEqual([
      'foreign-key-boundary: foreign key Chat(userId) → User(id) crosses from section "chat" into section "identity"',
    ]);

    database = await createTestDatabase('sections_real_shape');
    const migrated = await runCli(['migrate', '--url', database.url], { cwd: project.dir });
    expect(migrated.exitCode, migrated.stderr).toBe(0);

    project.write(
      'exercise.ts',
      `
import { Kysely, PostgresDialect } from 'kysely';
import { chatDb, chatDrizzle } from './connections/chat.js';
import { identityDb } from './connections/identity.js';
import { pool } from './connections/pool.js';
import { ChatRepository } from './features/chat/chat/chat.repository.js';
import { ChatService } from './features/chat/chat/chat.service.js';
import { ChatEventRepository } from './features/chat/event/event.repository.js';
import { MessageRepository } from './features/chat/message/message.repository.js';
import { AuthUserRepository } from './features/identity/auth-user/auth-user.repository.js';
import { UserRepository } from './features/identity/user/user.repository.js';

let queries = 0;
const counted = new Kysely<any>({ dialect: new PostgresDialect({ pool }), log: () => { queries += 1; } });
const users = new UserRepository(identityDb);
const authUsers = new AuthUserRepository(identityDb);
const chats = new ChatRepository(chatDb);
const messages = new MessageRepository(chatDb);
const service = new ChatService(chats, new UserRepository(counted));

const ada = await users.create({ email: 'ada@example.com' });
const grace = await users.create({ email: 'grace@example.com', status: 'archived' });
const authAda = await authUsers.create({ email: 'ada@example.com', provider: 'github' });
const made = [];
for (const [owner, title] of [[ada, 'first'], [grace, 'second'], [ada, 'third']] as const) {
  made.push(await chats.create({ title, userId: owner.id, userPublicId: owner.publicId, status: owner.status }));
}
const v1 = await messages.create({ chatId: made[0]!.id, content: 'hello', createdAt: new Date('2026-01-01T00:00:00Z') });
const v2 = await messages.create({ id: v1.id, chatId: made[0]!.id, content: 'hello, edited', createdAt: new Date('2026-01-02T00:00:00Z') });
await new ChatEventRepository(chatDb).create({ chatId: made[0]!.id, kind: 'opened' });
const out: Record<string, unknown> = {};
out.userByPublicId = (await users.findByPublicId(ada.publicId))?.email;
out.authUserByPublicId = (await authUsers.findByPublicId(authAda.publicId))?.provider;
out.authUserIsNotUser = (await users.findByPublicId(authAda.publicId)) === undefined;
out.chatByPublicId = (await chats.findByPublicId(made[1]!.publicId))?.title;
out.list = (await chats.list()).map((chat) => chat.title).sort();
out.chatsOfChat = (await messages.findByChatId(made[0]!.id)).map((message) => message.content);
out.findByKey = (await messages.findById({ id: v1.id, createdAt: v1.createdAt }))?.content;
out.update = (await messages.update({ id: v1.id, createdAt: v2.createdAt }, { content: 'hello, edited twice' }))?.content;
out.delete = await messages.delete({ id: v1.id, createdAt: v1.createdAt });
out.versionsLeft = (await messages.list()).map((message) => message.content);
out.events = (await new ChatEventRepository(chatDb).list()).map((event) => event.kind);
queries = 0;
const enriched = await service.withUser(await chats.list());
out.enrichQueries = queries;
out.enriched = enriched.map((chat) => chat.title + ':' + chat.user?.email).sort();
out.drizzle = (await chatDrizzle.query.Message.findMany({ with: { chat: true } })).map((message) => message.content + ' in ' + message.chat.title);
console.log(JSON.stringify(out));
await pool.end();
`,
    );
    project.write('tsconfig.json', STRICT_TSCONFIG);
    const compiled = await compile(project.dir);
    expect(compiled.exitCode, compiled.stdout).toBe(0);

    expect(await runExercise(project, database.url)).toEqual({
      userByPublicId: 'ada@example.com',
      authUserByPublicId: 'github',
      authUserIsNotUser: true,
      chatByPublicId: 'second',
      list: ['first', 'second', 'third'],
      chatsOfChat: ['hello', 'hello, edited'],
      findByKey: 'hello',
      update: 'hello, edited twice',
      delete: true,
      versionsLeft: ['hello, edited twice'],
      events: ['opened'],
      enrichQueries: 1,
      enriched: ['first:ada@example.com', 'second:grace@example.com', 'third:ada@example.com'],
      drizzle: ['hello, edited twice in first'],
    });
  });

  it("generate warns when a connection scaffolded earlier hands drizzle a relation since added into another section's table", async () => {
    const withRelation = CHAT_SCHEMA;
    const relationStart = withRelation.indexOf('export const chatRelations');
    const relationEnd = withRelation.indexOf('export const messageRelations');
    const project = createTempProject({ files: realShapeFiles({ 'db/chat/schema.ts': withRelation.slice(0, relationStart) + withRelation.slice(relationEnd) }) });
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    expect(project.read('connections/chat.ts')).toContain('drizzle(pool, { schema })');
    project.write('db/chat/schema.ts', withRelation);
    const warned = await runCli(['generate'], { cwd: project.dir });
    expect(warned.exitCode, warned.stderr).toBe(0);
    expect(warned.stderr).toContain(
      'section "chat": connections/chat.ts gives drizzle chatRelations, which reaches other sections\' tables: every query of their tables fails; leave them out of its schema as a new scaffold does',
    );
    rmSync(project.path('connections/chat.ts'));
    const rescaffolded = await runCli(['generate'], { cwd: project.dir });
    expect(rescaffolded.stderr).not.toContain('gives drizzle');
    expect(project.read('connections/chat.ts')).toContain('const { chatRelations: _chatRelations, ...ownSchema } = schema;');
  });

  it('with camelCase, a name CamelCasePlugin cannot map back is refused, naming it and the fix, and nothing is written', async () => {
    const project = createTempProject({ files: realShapeFiles({ 'sections.config.ts': REAL_SHAPE_CONFIG.replace('codegen: { camelCase: false },', 'codegen: { camelCase: true },') }) });
    const before = project.snapshot();
    const refused = await runCli(['generate'], { cwd: project.dir });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(
      'section "identity": table "auth"."User" does not survive Kysely\'s CamelCasePlugin (its key User would query "user") (and 4 more names); set `codegen: { camelCase: false }` on section "identity"',
    );
    expect(refused.stderr).toContain('section "chat": table "Chat" does not survive');
    expect(project.snapshot()).toEqual(before);
    const checked = await runCli(['check'], { cwd: project.dir });
    expect(checked.exitCode).toBe(2);
    expect(checked.stderr).toContain('section "identity": table "auth"."User" does not survive Kysely\'s CamelCasePlugin');
  });
});
