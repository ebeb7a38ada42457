import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';
import { SAMPLE_CONFIG, sampleFiles } from '../generate/sample-project.js';

/** The password every path below carries; none of its forms, nor its distinctive middle, may be printed. */
const SECRET = 'c4n4ry-P@ss:w%rd/x';
const ENCODED = encodeURIComponent(SECRET);
const LEAKS = [SECRET, ENCODED, 'c4n4ry', encodeURIComponent(ENCODED)];
const DEAD = '127.0.0.1:1';

interface FailingPath {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  readonly config?: string;
  readonly files?: Record<string, string>;
}

const withConfig = (insert: string) => SAMPLE_CONFIG.replace("features: './features',", `features: './features',\n  ${insert}`);

/** A schema no other test has: its migration is not in the shared cache, so a database is needed. */
const uncached = () => ({
  'db/core/schema.ts': `${sampleFiles()['db/core/schema.ts']}\nexport const once = pgTable('once_h${randomBytes(6).toString('hex')}', { id: serial('id').primaryKey() });\n`,
});

/** Every way a password reaches sections, each on a path that fails and so talks about the connection. */
const PATHS: readonly FailingPath[] = [
  { name: 'URL userinfo, percent-encoded', args: ['migrate', '--url', `postgres://app:${ENCODED}@${DEAD}/app`] },
  { name: 'URL userinfo, encoded twice', args: ['migrate', '--url', `postgres://app:${encodeURIComponent(ENCODED)}@${DEAD}/app`] },
  { name: 'URL userinfo, unencoded @ and :', args: ['status', '--url', `postgres://app:${SECRET.replace('/', '')}@${DEAD}/app`] },
  { name: 'a user name carrying the encoded password', args: ['migrate', '--url', `postgres://app%3A${ENCODED}@${DEAD}/app`] },
  { name: '?password=', args: ['migrate', '--url', `postgres://${DEAD}/app?user=app&password=${ENCODED}`] },
  { name: 'libpq keyword/value', args: ['migrate', '--url', `host=127.0.0.1 port=1 user=app password=${SECRET} dbname=app`] },
  { name: 'libpq keyword/value, quoted', args: ['status', '--url', `host=127.0.0.1 port=1 password = '${SECRET} x' dbname=app`] },
  { name: 'DATABASE_URL', args: ['status'], env: { DATABASE_URL: `postgres://app:${ENCODED}@${DEAD}/app` } },
  { name: 'PGPASSWORD', args: ['migrate', '--url', `postgres://app@${DEAD}/app`], env: { PGPASSWORD: SECRET } },
  { name: '.pgpass', args: ['migrate', '--url', `postgres://app@${DEAD}/app`], env: { PGPASSFILE: 'pgpass' }, files: { pgpass: `127.0.0.1:1:*:app:${SECRET.replace(':', '\\:')}\n` } },
  { name: 'pg_service.conf', args: ['migrate', '--url', `postgres://app@${DEAD}/app?password=${ENCODED}`], env: { PGSERVICEFILE: 'services.conf' }, files: { 'services.conf': `[app]\nhost=127.0.0.1\npassword=${SECRET}\n` } },
  { name: 'config database.url', args: ['migrate'], config: withConfig(`database: { url: 'postgres://app:${ENCODED}@${DEAD}/app' },`) },
  { name: 'config shadow.url', args: ['generate'], config: withConfig(`shadow: { url: 'postgres://app:${ENCODED}@${DEAD}/app' },`), files: uncached() },
  { name: '--shadow-url', args: ['generate', '--shadow-url', `postgres://app:${ENCODED}@${DEAD}/app`], files: uncached() },
  { name: 'check --shadow-url', args: ['check', '--shadow-url', `postgres://app:${ENCODED}@${DEAD}/app`], files: uncached() },
  {
    name: 'an internal error quoting DATABASE_URL',
    args: ['generate'],
    env: { DATABASE_URL: `postgres://app:${ENCODED}@${DEAD}/app` },
    files: { 'db/core/schema.ts': `${sampleFiles()['db/core/schema.ts']}\nexport const hostile = new Proxy({}, { getPrototypeOf() { throw new TypeError('boom at ' + process.env.DATABASE_URL + ' and ${SECRET}'); } });\n` },
  },
];

const FORMS: readonly { readonly name: string; readonly args: readonly string[]; readonly env?: Record<string, string> }[] = [
  { name: 'text', args: [] },
  { name: '--json', args: ['--json'] },
  { name: '--verbose', args: ['--verbose'] },
  { name: 'GitHub annotations', args: [], env: { GITHUB_ACTIONS: 'true' } },
];

function projectFor(path: FailingPath): TempProject {
  return createTempProject({ files: { ...sampleFiles(path.config ? { 'sections.config.ts': path.config } : {}), ...path.files } });
}

describe('no output form of any failing path shows a password', () => {
  it.each(PATHS.map((path) => [path.name, path] as const))('%s', async (_name, path) => {
    const project = projectFor(path);
    const env = Object.fromEntries(Object.entries(path.env ?? {}).map(([key, value]) => [key, key.endsWith('FILE') ? project.path(value) : value]));
    const results = await Promise.all(FORMS.map((form) => runCli([...form.args, ...path.args], { cwd: project.dir, env: { ...env, ...form.env } })));
    for (const [index, result] of results.entries()) {
      const form = FORMS[index]!.name;
      const printed = result.stdout + result.stderr;
      expect(result.exitCode, `${form}\n${printed}`).not.toBe(0);
      for (const leak of LEAKS) expect(printed, `${form} shows ${leak}`).not.toContain(leak);
      // It failed for the reason the path is about, and said so.
      expect(printed, form).toMatch(/refused|internal error|could not|cannot|not valid|not a URL|unknown host|failed/);
      if (form === '--json') expect(() => JSON.parse(result.stdout), printed).not.toThrow();
    }
  });
});
