import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/pg.js';
import { REPO_ROOT } from './helpers/temp-project.js';

/**
 * The README's promise, kept: the blocks of its "Start in your project" section (between the
 * install-test markers) run verbatim in an empty project outside the repo, against the packed
 * tarball, with two substitutions only: the tarball for the package name in `npm install`
 * (plus flags that make npm use its cache and stay quiet), and a throwaway database for the
 * example URL.
 */
const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const EXAMPLE_URL = 'postgres://app:secret@localhost:5432/app';

type Step = { readonly kind: 'sh'; readonly script: string } | { readonly kind: 'file'; readonly path: string; readonly content: string };

function readmeSteps(): Step[] {
  const start = README.indexOf('<!-- install-test:');
  const end = README.indexOf('<!-- install-test-end -->');
  expect(start, 'README.md has the install-test markers').toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return [...README.slice(start, end).matchAll(/```(sh|ts)\n([\s\S]*?)```/g)].map(([, lang, body]): Step => {
    if (lang === 'sh') return { kind: 'sh', script: body! };
    const path = /^\/\/ (\S+)\n/.exec(body!)?.[1];
    expect(path, `a ts block names its file on its first line:\n${body}`).toBeDefined();
    return { kind: 'file', path: path!, content: body! };
  });
}

/** The environment of a shell in a new project: nothing of npm's run of this suite, no database. */
function cleanEnv(): Record<string, string> {
  const dropped = new Set(['INIT_CWD', 'DATABASE_URL', 'TEST_DATABASE_URL', 'SECTIONS_CACHE_DIR', 'NODE_OPTIONS', 'FORCE_COLOR']);
  const kept = Object.entries(process.env).filter(([key, value]) => value !== undefined && !/^npm_/i.test(key) && !dropped.has(key));
  return { ...(Object.fromEntries(kept) as Record<string, string>), NO_COLOR: '1' };
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe('installing the packed package as the README says', () => {
  it('npm pack → the README\'s install, first steps and main.ts, verbatim, in an empty project', { timeout: 900_000 }, async () => {
    const env = cleanEnv();
    const packDir = tempDir('sections-pack-');
    // The suite's global setup has built dist/ and packed PGlite's cluster; building again here
    // would rewrite files other tests are running.
    const pack = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: REPO_ROOT, env, extendEnv: false });
    const [packed] = JSON.parse(pack.stdout) as { name: string; filename: string; files: { path: string }[] }[];
    expect(packed!.name).toBe('drizzle-sections');
    const files = packed!.files.map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['bin/sections.js', 'dist/cli/bin.js', 'dist/index.d.ts', 'templates/transaction.ts.tpl', 'README.md', 'package.json']));
    expect(files.filter((file) => /^dist\/pglite-.+-empty-cluster\.tar\.gz$/.test(file))).toHaveLength(1);
    expect(files.filter((file) => !/^(bin\/sections\.js|dist\/.+\.(js|d\.ts|tar\.gz)|templates\/[a-z.-]+\.tpl|README\.md|package\.json)$/.test(file))).toEqual([]);
    const tarball = join(packDir, packed!.filename);

    const project = tempDir('sections-install-');
    expect(readdirSync(project)).toEqual([]);
    database = await createTestDatabase('sections_install');
    const steps = readmeSteps();
    const scripts = steps.filter((step) => step.kind === 'sh');
    expect(scripts.length, 'the first steps, then building and running main.ts').toBe(2);

    let substitutions = { tarball: 0, url: 0 };
    const verbatim = (script: string): string =>
      script
        .split('\n')
        .map((line) => {
          if (line.startsWith('npm install ') && / drizzle-sections( |$)/.test(line)) {
            substitutions = { ...substitutions, tarball: substitutions.tarball + 1 };
            return `${line.replace(/ drizzle-sections( |$)/, ` ${tarball}$1`)} --prefer-offline --no-audit --no-fund`;
          }
          if (line.startsWith('npm install ')) return `${line} --prefer-offline --no-audit --no-fund`;
          if (line.includes(EXAMPLE_URL)) {
            substitutions = { ...substitutions, url: substitutions.url + 1 };
            return line.replace(EXAMPLE_URL, database!.url);
          }
          return line;
        })
        .join('\n');

    const outputs: string[] = [];
    for (const step of steps) {
      if (step.kind === 'file') {
        mkdirSync(dirname(join(project, step.path)), { recursive: true });
        writeFileSync(join(project, step.path), step.content);
        continue;
      }
      const run = await execa('bash', ['-e', '-x', '-c', verbatim(step.script)], { cwd: project, env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 600_000 });
      expect(run.exitCode, `${step.script}\n--- stdout\n${run.stdout.slice(-4000)}\n--- stderr\n${run.stderr.slice(-4000)}`).toBe(0);
      outputs.push(run.stdout);
    }
    expect(substitutions).toEqual({ tarball: 1, url: 1 });

    // What the README says main.ts prints.
    const promised = /node [^\n]*dist\/main\.js\s+#\s*(.+)$/m.exec(scripts[1]!.kind === 'sh' ? scripts[1]!.script : '')?.[1];
    expect(promised).toBe('Ada 120.00');
    expect(outputs.at(-1)!.trim()).toBe(promised);

    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { type: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(manifest.type).toBe('module');
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['drizzle-orm', 'kysely', 'pg']);
    expect(Object.keys(manifest.devDependencies).sort()).toEqual(['@types/node', '@types/pg', 'drizzle-kit', 'drizzle-sections', 'kysely-codegen', 'typescript']);
    expect(readFileSync(join(project, '.gitignore'), 'utf8')).toBe('.sections/\n');
    expect(readdirSync(join(project, 'src/shared/database/connections')).sort()).toEqual(['billing.ts', 'core.ts', 'pool.ts', 'transaction.ts']);
    expect(await database.query('select c.name, i.amount from invoice i join customer c on c.public_id = i.customer_public_id')).toEqual([{ name: 'Ada', amount: '120.00' }]);
  });
});
