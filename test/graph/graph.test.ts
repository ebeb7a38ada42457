import { DOMParser } from '@xmldom/xmldom';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { graph } from 'drizzle-sections';
import { describe, expect, it } from 'vitest';
import { NO_SERVER, runCli, SHARED_CACHE_DIR } from '../helpers/run-cli.js';
import { createTempProject, REPO_ROOT, type TempProject } from '../helpers/temp-project.js';

const GOLDEN = join(REPO_ROOT, 'test', 'graph', 'golden');

interface GraphJson {
  ok: boolean;
  format: string;
  text: string;
  graph: {
    sections: { name: string; tables: { key: string; label: string }[] }[];
    edges: { kind: string; from: string; to: string; columns: string[]; boundary: string }[];
  };
  output?: { file: string; status: string };
}

function demoProject(): TempProject {
  const project = createTempProject();
  cpSync(join(REPO_ROOT, 'sections.config.ts'), project.path('sections.config.ts'));
  cpSync(join(REPO_ROOT, 'example'), project.path('example'), { recursive: true });
  return project;
}

function expectGolden(name: string, content: string): void {
  const golden = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(golden, content);
  }
  expect(existsSync(golden), `golden file ${name}`).toBe(true);
  expect(content, name).toBe(readFileSync(golden, 'utf8'));
}

describe('sections graph on the demo', () => {
  it('prints Mermaid and DOT that match the golden files (UPDATE_GOLDEN=1 rewrites them), and writes nothing', async () => {
    const project = demoProject();
    const before = project.snapshot();
    const mermaid = await runCli(['graph'], { cwd: project.dir, env: NO_SERVER });
    expect(mermaid.stderr).toBe('');
    expect(mermaid.exitCode).toBe(0);
    expectGolden('demo.mmd', `${mermaid.stdout}\n`);
    const dot = await runCli(['graph', '--format', 'dot'], { cwd: project.dir, env: NO_SERVER });
    expect(dot.exitCode, dot.stderr).toBe(0);
    expectGolden('demo.dot', `${dot.stdout}\n`);
    expect(project.snapshot()).toEqual(before);
  });

  it('the programmatic graph() returns what --json prints', async () => {
    const project = demoProject();
    const result = await graph({ cwd: project.dir, format: 'mermaid' });
    const cli = await runCli(['graph', '--json'], { cwd: project.dir, env: NO_SERVER });
    expect(JSON.parse(cli.stdout)).toEqual({ ok: true, ...result });
    expect(result.text).toBe(readFileSync(join(GOLDEN, 'demo.mmd'), 'utf8'));
  });

  it('--format svg --output writes an SVG laid out by Graphviz: valid XML naming every table', async () => {
    const project = demoProject();
    const result = await runCli(['graph', '--format', 'svg', '--output', 'docs/sections.svg', '--json'], { cwd: project.dir, env: NO_SERVER });
    expect(result.exitCode, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as GraphJson;
    expect(json.output).toEqual({ file: project.path('docs/sections.svg'), status: 'created' });

    const svg = readFileSync(project.path('docs/sections.svg'), 'utf8');
    const errors: string[] = [];
    const document = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(svg, 'image/svg+xml');
    expect(errors).toEqual([]);
    expect(document.documentElement?.nodeName).toBe('svg');
    const texts = Array.from(document.getElementsByTagName('text')).map((node) => node.textContent);
    const tables = json.graph.sections.flatMap((section) => section.tables.map((table) => table.label));
    expect(tables).toHaveLength(24);
    for (const table of tables) expect(texts, table).toContain(table);
    for (const section of ['core', 'vendor', 'customer']) expect(texts).toContain(section);
    // Laid out by the engine: every node has its own position.
    const nodes = Array.from(document.getElementsByTagName('g')).filter((group) => group.getAttribute('class')?.split(' ').includes('node'));
    expect(nodes).toHaveLength(24);

    const again = await runCli(['graph', '--format', 'svg', '--output', 'docs/sections.svg'], { cwd: project.dir, env: NO_SERVER });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toBe('unchanged svg docs/sections.svg');
  });

  it('loads Graphviz only for --format svg', async () => {
    const project = demoProject();
    // A resolve hook that refuses the package: any import of it, eager or not, fails the run.
    const hook = `export async function resolve(specifier, context, next) { if (specifier === '@viz-js/viz') throw new Error('@viz-js/viz was imported'); return next(specifier, context); }`;
    project.write('refuse-viz.mjs', `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});\n`);
    const run = (args: string[]) =>
      execa(process.execPath, ['--import', project.path('refuse-viz.mjs'), join(REPO_ROOT, 'bin', 'sections.js'), 'graph', ...args], {
        cwd: project.dir,
        env: { ...NO_SERVER, NO_COLOR: '1', SECTIONS_CACHE_DIR: SHARED_CACHE_DIR },
        reject: false,
      });
    for (const format of ['mermaid', 'dot']) expect((await run(['--format', format])).exitCode, format).toBe(0);
    const svg = await run(['--format', 'svg']);
    expect(svg.exitCode).not.toBe(0);
    expect(svg.stderr).toContain('@viz-js/viz was imported');
  });

  it('refuses an --output that is one of its inputs, exit 2 naming it, and writes nothing', async () => {
    const project = demoProject();
    const before = project.snapshot();
    const config = await runCli(['graph', '--output', 'sections.config.ts'], { cwd: project.dir, env: NO_SERVER });
    expect(config.exitCode).toBe(2);
    expect(config.stderr).toContain('--output and the config file name the same file (sections.config.ts); graph would overwrite it');
    const schema = await runCli(['graph', '--json', '--output', 'example/src/shared/database/schemas/vendor/drizzle-schema.ts'], { cwd: project.dir, env: NO_SERVER });
    expect(schema.exitCode).toBe(2);
    const json = JSON.parse(schema.stdout) as { ok: boolean; error: { message: string } };
    expect(json.ok).toBe(false);
    expect(json.error.message).toContain('--output and sections.vendor.schema name the same file');
    const types = await runCli(['graph', '--output', 'example/src/shared/database/schemas/core/kysely-types.ts'], { cwd: project.dir, env: NO_SERVER });
    expect(types.exitCode).toBe(2);
    expect(types.stderr).toContain('sections.core.types and --output name the same file');
    const migrations = await runCli(['graph', '--output', 'example/src/shared/database/migrations/graph.mmd'], { cwd: project.dir, env: NO_SERVER });
    expect(migrations.exitCode).toBe(2);
    expect(migrations.stderr).toContain('is inside migrations');
    const format = await runCli(['graph', '--format', 'png', '--json'], { cwd: project.dir, env: NO_SERVER });
    expect(format.exitCode).toBe(2);
    expect(JSON.parse(format.stdout)).toMatchObject({ ok: false, error: { exitCode: 2 } });
    expect(format.stdout).toContain('mermaid, dot, svg');
    expect(project.snapshot()).toEqual(before);
  });
});

/**
 * Shaped like a Supabase-backed chat app: PascalCase tables and camelCase columns, a public
 * `User` profile keyed by Supabase's `auth.users`, and chats whose foreign keys into the
 * accounts section were accepted in sections.boundaries.json, except the one added since.
 */
const CONFIG = `export default {
  migrations: './src/db/migrations',
  features: './src/features',
  // PascalCase tables and camelCase columns, queried by their own names: no CamelCasePlugin.
  codegen: { camelCase: false },
  publicIdReferences: { 'Chat.sharedWithRef': 'User' },
  sections: {
    accounts: { schema: './src/db/accounts.ts', types: './src/db/accounts.types.ts' },
    chat: { schema: './src/db/chat.ts', types: './src/db/chat.types.ts' },
  },
};
`;

const ACCOUNTS = `import { pgSchema, pgTable, text, uuid } from 'drizzle-orm/pg-core';

export const auth = pgSchema('auth');

export const AuthUser = auth.table('users', {
  id: uuid('id').primaryKey(),
  email: text('email'),
});

export const User = pgTable('User', {
  id: uuid('id').primaryKey().references(() => AuthUser.id),
  public_id: uuid('public_id').notNull().unique().defaultRandom(),
  displayName: text('displayName').notNull(),
});
`;

const CHAT = `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { User } from './accounts.js';

export const Chat = pgTable('Chat', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('userId').notNull().references(() => User.id),
  sharedWithRef: uuid('sharedWithRef'),
  title: text('title').notNull(),
});

export const Message = pgTable('Message', {
  id: uuid('id').primaryKey().defaultRandom(),
  chatId: uuid('chatId').notNull().references(() => Chat.id),
  authorId: uuid('authorId').notNull().references(() => User.id),
  content: text('content').notNull(),
});
`;

const BASELINE = `${JSON.stringify({ foreignKeys: [{ section: 'chat', table: 'Chat', constraint: 'Chat_userId_User_id_fk', reason: 'every chat belongs to a user; split later' }] }, null, 2)}\n`;

/** How graph styles chatProject's accepted Chat → User key and new Message → User key. */
const CHAT_STYLES = [
  '  classDef acceptedViolation fill:#fef3c7,stroke:#b45309,stroke-width:2px',
  '  classDef newViolation fill:#fee2e2,stroke:#dc2626,stroke-width:3px',
  '  class t_Chat acceptedViolation',
  '  class t_Message newViolation',
  '  linkStyle 1 stroke:#b45309,stroke-width:2px',
  '  linkStyle 4 stroke:#dc2626,stroke-width:3px',
];

function chatProject(): TempProject {
  return createTempProject({
    files: {
      'sections.config.ts': CONFIG,
      'src/db/accounts.ts': ACCOUNTS,
      'src/db/chat.ts': CHAT,
      'sections.boundaries.json': BASELINE,
    },
  });
}

describe('sections graph on a real-shape project', () => {
  it('styles the baselined cross-section key as accepted and the other as new, with safe ids for PascalCase and auth tables', async () => {
    const project = chatProject();
    const result = await runCli(['graph'], { cwd: project.dir, env: NO_SERVER });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    // The README shows this output: a change to it is a change to the README.
    const authId = 't_auth_users_cab1a3a4';
    expect(`${result.stdout}\n`).toBe(
      [
        'flowchart LR',
        '  subgraph s_accounts["accounts"]',
        `    ${authId}["auth.users"]`,
        '    t_User["User"]',
        '  end',
        '  subgraph s_chat["chat"]',
        '    t_Chat["Chat"]',
        '    t_Message["Message"]',
        '  end',
        `  t_User --> ${authId}`,
        '  t_Chat -->|"accepted"| t_User',
        '  t_Chat -.->|"sharedWithRef"| t_User',
        '  t_Message --> t_Chat',
        '  t_Message ==>|"new"| t_User',
        ...CHAT_STYLES,
        '',
      ].join('\n'),
    );
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(/```mermaid\n([\s\S]*?)```/.exec(readme)?.[1], "the README's example of sections graph").toBe(`${result.stdout}\n`);
  });

  it('--json is one document with the graph as data, the same styling in DOT', async () => {
    const project = chatProject();
    const result = await runCli(['graph', '--format', 'dot', '--json'], { cwd: project.dir, env: NO_SERVER });
    expect(result.exitCode, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as GraphJson;
    expect(json.ok).toBe(true);
    expect(json.graph.edges.filter((edge) => edge.kind === 'foreign-key').map((edge) => [edge.from, edge.to, edge.boundary])).toEqual([
      ['public.User', 'auth.users', 'none'],
      ['public.Chat', 'public.User', 'accepted'],
      ['public.Message', 'public.Chat', 'none'],
      ['public.Message', 'public.User', 'new'],
    ]);
    expect(json.graph.edges.filter((edge) => edge.kind === 'public-id')).toEqual([{ kind: 'public-id', from: 'public.Chat', to: 'public.User', columns: ['sharedWithRef'], boundary: 'none' }]);
    expect(json.text).toContain('subgraph "cluster_s_chat" {');
    expect(json.text).toContain('"t_Chat" [label="Chat", class="acceptedViolation", fillcolor="#fef3c7", color="#b45309", penwidth=2];');
    expect(json.text).toContain('"t_Message" [label="Message", class="newViolation", fillcolor="#fee2e2", color="#dc2626", penwidth=3];');
    expect(json.text).toContain('"t_Chat" -> "t_User" [class="acceptedViolation", color="#b45309", fontcolor="#b45309", penwidth=2, label="accepted"];');
    expect(json.text).toContain('"t_Message" -> "t_User" [class="newViolation", color="#dc2626", fontcolor="#dc2626", penwidth=3, label="new"];');
    expect(json.text).toContain('"t_Chat" -> "t_User" [class="publicIdReference", style=dashed, label="sharedWithRef"];');
  });

  it('shows every cross-section key as new once the baseline is gone', async () => {
    const project = chatProject();
    project.write('sections.boundaries.json', '{}\n');
    const result = await runCli(['graph'], { cwd: project.dir, env: NO_SERVER });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('  t_Chat ==>|"new"| t_User');
    expect(result.stdout).toContain('  class t_Chat,t_Message newViolation');
    expect(result.stdout).not.toContain('class t_Chat acceptedViolation');
  });

  it("draws a feature importing another section's types as an arrow between the sections, accepted or new", async () => {
    const project = chatProject();
    project.write('src/db/accounts.types.ts', 'export interface DB { User: { id: string } }\n');
    project.write('src/features/chat/chat/owner.ts', "import type { DB } from '../../../db/accounts.types.js';\nexport type Owner = DB['User'];\n");
    project.write('src/features/chat/message/author.ts', "import type { DB } from '../../../db/accounts.types.js';\nexport type Author = DB['User'];\n");
    const baseline = JSON.parse(BASELINE) as Record<string, unknown>;
    project.write('sections.boundaries.json', JSON.stringify({ ...baseline, imports: [{ section: 'chat', file: 'src/features/chat/chat/owner.ts', imports: 'src/db/accounts.types.ts' }] }));
    const result = await runCli(['graph'], { cwd: project.dir, env: NO_SERVER });
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.slice(lines.indexOf('  t_Message ==>|"new"| t_User') + 1)).toEqual([
      '  s_chat -->|"imports, accepted"| s_accounts',
      '  s_chat ==>|"imports, new"| s_accounts',
      ...CHAT_STYLES,
      '  linkStyle 5 stroke:#b45309,stroke-width:2px',
      '  linkStyle 6 stroke:#dc2626,stroke-width:3px',
    ]);

    const json = JSON.parse((await runCli(['graph', '--format', 'dot', '--json'], { cwd: project.dir, env: NO_SERVER })).stdout) as GraphJson & { graph: { imports: unknown[] } };
    expect(json.graph.imports).toEqual([
      { from: 'chat', to: 'accounts', files: ['src/features/chat/chat/owner.ts'], boundary: 'accepted' },
      { from: 'chat', to: 'accounts', files: ['src/features/chat/message/author.ts'], boundary: 'new' },
    ]);
    expect(json.text).toContain('compound=true');
    expect(json.text).toContain('ltail="cluster_s_chat", lhead="cluster_s_accounts", style=dotted, color="#dc2626"');

    const svg = await runCli(['graph', '--format', 'svg'], { cwd: project.dir, env: NO_SERVER });
    expect(svg.exitCode, svg.stderr).toBe(0);
    expect(svg.stdout).toContain('<g id="edge7" class="edge newViolation">');

    project.write('sections.config.ts', CONFIG.replace('  sections: {', "  boundaries: { imports: 'off' },\n  sections: {"));
    const off = await runCli(['graph'], { cwd: project.dir, env: NO_SERVER });
    expect(off.exitCode, off.stderr).toBe(0);
    expect(off.stdout).not.toContain('s_chat -->');
    expect(off.stdout).not.toContain('s_chat ==>');
    expect(off.stdout).toContain('  t_Chat -->|"accepted"| t_User');
  });

  it('one arrow for several files importing the same section, labelled with their count', async () => {
    const project = chatProject();
    project.write('src/db/accounts.types.ts', 'export interface DB { User: { id: string } }\n');
    project.write('src/features/chat/chat/owner.ts', "import type { DB } from '../../../db/accounts.types.js';\nexport type Owner = DB['User'];\n");
    project.write('src/features/chat/message/author.ts', "import type { DB } from '../../../db/accounts.types.js';\nexport type Author = DB['User'];\n");
    const result = await runCli(['graph'], { cwd: project.dir, env: NO_SERVER });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('  s_chat '))).toEqual(['  s_chat ==>|"2 files import, new"| s_accounts']);
  });

  it('draws cross-section keys as plain foreign keys when the rule is off, and never writes over sections.boundaries.json', async () => {
    const project = chatProject();
    project.write('sections.config.ts', CONFIG.replace("  sections: {", "  boundaries: { foreignKeys: 'off' },\n  sections: {"));
    const result = await runCli(['graph'], { cwd: project.dir, env: NO_SERVER });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ {2}t_Chat --> t_User$/m);
    expect(result.stdout).toMatch(/^ {2}t_Message --> t_User$/m);
    expect(result.stdout).not.toMatch(/classDef|linkStyle|accepted|new/);
    const before = project.snapshot();
    const refused = await runCli(['graph', '--output', 'sections.boundaries.json'], { cwd: project.dir, env: NO_SERVER });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--output and sections.boundaries.json name the same file');
    expect(project.snapshot()).toEqual(before);
  });
});
