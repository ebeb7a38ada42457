#!/usr/bin/env node
// `npm run bench`: sections against the plain script chain (drizzle-kit, then kysely-codegen per section), side by side, on this machine.
// Writes bench/RESULTS.md and bench/chart.svg. Times are wall clock of whole processes (what a
// developer or CI waits for); peak RSS comes from GNU time's %M for every measured process.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pristineCluster } from '../dist/engine/pristine-cluster.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(ROOT, 'bench', '.work');
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECTIONS = [process.execPath, join(ROOT, 'bin', 'sections.js')];
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

// ---------------------------------------------------------------------------------------------
// Measuring

/** Runs a command under GNU time; returns seconds and peak RSS in MB. Fails loudly on a non-zero exit. */
function measure(command, args, options = {}) {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  const rssKb = Number(result.stderr.trim().split('\n').at(-1));
  return { seconds, rssMb: rssKb / 1024 };
}

/** A sequence of commands counts as one run: times add up, RSS is the largest. */
function measureSteps(steps) {
  let seconds = 0;
  let rssMb = 0;
  for (const [command, args, options] of steps) {
    const one = measure(command, args, options);
    seconds += one.seconds;
    rssMb = Math.max(rssMb, one.rssMb);
  }
  return { seconds, rssMb };
}

/** `runs` repetitions of prepare() (untimed) then run() (timed). */
async function repeat(runs, prepare, run) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const context = await prepare(i);
    samples.push(run(context));
  }
  return summary(samples);
}

function summary(samples) {
  const times = samples.map((sample) => sample.seconds).sort((a, b) => a - b);
  return {
    runs: samples.length,
    median: times[Math.floor(times.length / 2)],
    min: times[0],
    max: times.at(-1),
    rssMb: Math.max(...samples.map((sample) => sample.rssMb)),
  };
}

/**
 * `sections generate --watch` in `dir`: `runs` saves of `save(i)`, each timed from the write to the
 * line of the run it caused (the watcher's debounce included, as a developer waits for it). Peak
 * RSS is the whole session's.
 */
async function watchedSaves(dir, cacheDir, runs, save) {
  const child = spawn('/usr/bin/time', ['-f', '%M', SECTIONS[0], SECTIONS[1], 'generate', '--watch'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', SECTIONS_CACHE_DIR: cacheDir },
    // Its own process group: SIGINT reaches the watcher, and GNU time reports once it has exited.
    detached: true,
  });
  const exited = once(child, 'exit');
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const lines = () => stdout.split('\n').filter((line) => / generated: /.test(line));
  const untilRuns = async (count) => {
    while (lines().length < count) {
      if (child.exitCode !== null || /\berror\b/.test(stdout + stderr)) throw new Error(`generate --watch failed:\n${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  await untilRuns(1);
  // A developer's first save comes a while after the session started.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const seconds = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    save(i);
    await untilRuns(i + 2);
    seconds.push((performance.now() - started) / 1000);
    if (!/migration \d{4}_/.test(lines().at(-1))) throw new Error(`the save wrote no migration: ${lines().at(-1)}`);
  }
  process.kill(-child.pid, 'SIGINT');
  await exited;
  const rssMb = Number(stderr.trim().split('\n').at(-1)) / 1024;
  return summary(seconds.map((time) => ({ seconds: time, rssMb })));
}

// ---------------------------------------------------------------------------------------------
// Databases

async function admin(sql) {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let databaseCount = 0;
const created = [];
async function freshDatabase() {
  const name = `sections_bench_${process.pid}_${databaseCount++}`;
  await admin(`create database "${name}"`);
  created.push(name);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabases() {
  for (const name of created.splice(0)) await admin(`drop database if exists "${name}" with (force)`);
}

// ---------------------------------------------------------------------------------------------
// Projects

function fresh(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

function write(file, content) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function drizzleConfig(dir, schemas, out, url) {
  write(
    join(dir, 'drizzle.config.mjs'),
    `export default { dialect: 'postgresql', schema: ${JSON.stringify(schemas)}, out: ${JSON.stringify(out)}, dbCredentials: { url: ${JSON.stringify(url)} } };\n`,
  );
}

/** The script chain: drizzle-kit generate, drizzle-kit migrate, then kysely-codegen once per section. */
function chainSteps(dir, sections) {
  return [
    [bin('drizzle-kit'), ['generate', '--config', 'drizzle.config.mjs'], { cwd: dir }],
    [bin('drizzle-kit'), ['migrate', '--config', 'drizzle.config.mjs'], { cwd: dir }],
    ...sections.map((section) => [
      bin('kysely-codegen'),
      ['--dialect', 'postgres', '--url', section.url, '--camel-case', '--include-pattern', section.pattern, '--out-file', section.types],
      { cwd: dir },
    ]),
  ];
}

/** The plain tools' CI gate: drizzle-kit check, then kysely-codegen --verify per section. */
function chainCheckSteps(dir, sections) {
  return [
    [bin('drizzle-kit'), ['check', '--config', 'drizzle.config.mjs'], { cwd: dir }],
    ...sections.map((section) => [
      bin('kysely-codegen'),
      ['--dialect', 'postgres', '--url', section.url, '--camel-case', '--include-pattern', section.pattern, '--out-file', section.types, '--verify'],
      { cwd: dir },
    ]),
  ];
}

// The demo, as committed at the repo root.
const DEMO_SECTIONS = [
  { name: 'core', pattern: '@(body_style|category_part|color|file|manufacturer|model|model_variation|model_variation_category|model_variation_to_category|part|part_alternative|part_category|part_name|part_tag|user|vin_prefix)' },
  { name: 'vendor', pattern: 'vendor_*' },
  { name: 'customer', pattern: '@(customer_*|shopping_*|wishlist*)' },
];
const SCHEMAS = 'example/src/shared/database/schemas';
const MIGRATIONS = './example/src/shared/database/migrations';

function copyDemo(dir) {
  fresh(dir);
  cpSync(join(ROOT, 'sections.config.ts'), join(dir, 'sections.config.ts'));
  cpSync(join(ROOT, 'example'), join(dir, 'example'), { recursive: true });
  return dir;
}

function forgetIntrospections(cacheDir, which = () => true) {
  for (const entry of readdirSync(cacheDir)) if (entry.startsWith('metadata-') && which(entry)) rmSync(join(cacheDir, entry));
}

/**
 * A fresh cache holding only the empty PGlite cluster, unpacked by sections itself as a scratch
 * database or `migrate`'s embedded database leaves it on a machine.
 */
async function cacheWithCluster(dir) {
  fresh(dir);
  if (!(await pristineCluster(dir, undefined))) throw new Error(`could not unpack the empty cluster into ${dir}`);
  return dir;
}

function oneColumnChange(dir) {
  addVendorColumn(dir, 'shelf');
}

/** Under `generate --watch`, save `n`: one more column (the session's draft migration then adds n + 1). */
function oneMoreColumn(dir, n) {
  addVendorColumn(dir, `shelf${n}`);
}

function addVendorColumn(dir, name) {
  const file = join(dir, SCHEMAS, 'vendor', 'drizzle-schema.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace("location: varchar('location', { length: 100 }),", `location: varchar('location', { length: 100 }),\n  ${name}: varchar('${name}', { length: 20 }),`));
}

/** The chain writes its own files (ours carry a header line kysely-codegen's --verify would flag). */
function demoChainSections(dir, url) {
  return DEMO_SECTIONS.map((section) => ({ ...section, url, types: join(dir, 'chain-types', `${section.name}.ts`) }));
}

/** A synthetic project: `sectionCount` sections of `tableCount` tables, with foreign keys inside each section. */
function syntheticProject(dir, sectionCount, tableCount) {
  fresh(dir);
  const sections = [];
  for (let s = 0; s < sectionCount; s += 1) {
    const name = `s${String(s).padStart(3, '0')}`;
    const tables = [];
    for (let t = 0; t < tableCount; t += 1) {
      const table = `${name}_t${String(t).padStart(2, '0')}`;
      const fk = t > 0 ? `\n  parentId: integer('parent_id').references(() => ${name}T${String(t - 1).padStart(2, '0')}.id),` : '';
      tables.push(
        `export const ${name}T${String(t).padStart(2, '0')} = pgTable('${table}', {\n  id: serial('id').primaryKey(),\n  publicId: uuid('public_id').notNull().unique().default(sql\`gen_random_uuid()\`),\n  title: varchar('title', { length: 200 }).notNull(),\n  amount: numeric('amount', { precision: 12, scale: 2 }),\n  active: boolean('active').default(true).notNull(),${fk}\n  createdAt: timestamp('created_at').defaultNow().notNull(),\n});\n`,
      );
    }
    write(
      join(dir, 'db', name, 'schema.ts'),
      `import { sql } from 'drizzle-orm';\nimport { boolean, integer, numeric, pgTable, serial, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';\n\n${tables.join('\n')}`,
    );
    sections.push({ name, pattern: `${name}_*` });
  }
  write(
    join(dir, 'sections.config.mjs'),
    `export default { migrations: './db/migrations', sections: { ${sections.map((section) => `${section.name}: { schema: './db/${section.name}/schema.ts', types: './db/${section.name}/types.ts' }`).join(', ')} } };\n`,
  );
  return sections;
}

// ---------------------------------------------------------------------------------------------
// Cases

async function caseA() {
  const template = copyDemo(join(WORK, 'a-template'));
  const cache = join(WORK, 'a-cache');
  const runDir = join(WORK, 'a-run');
  const copyTemplate = () => {
    const dir = fresh(runDir);
    cpSync(template, dir, { recursive: true });
    return dir;
  };
  const generateIn = (extra, cacheDir = cache) => (dir) => measure(SECTIONS[0], [SECTIONS[1], 'generate', ...extra, '-q'], { cwd: dir, env: { SECTIONS_CACHE_DIR: cacheDir } });
  // The developer ran generate on the committed tree before, on each engine: its migrations are
  // committed in the engine's history database (as the chain's database holds them) and its
  // introspection is cached. Every measured run is a first encounter with the change: what an
  // earlier run cached for it is forgotten, so PostgreSQL runs the new migration every time.
  generateIn([])(copyTemplate());
  generateIn(['--shadow-url', SERVER])(copyTemplate());
  const committed = new Set(readdirSync(cache));
  const changedCopy = () => {
    forgetIntrospections(cache, (entry) => !committed.has(entry));
    const dir = copyTemplate();
    oneColumnChange(dir);
    return dir;
  };
  const sectionsServer = await repeat(RUNS, changedCopy, generateIn(['--shadow-url', SERVER]));
  const sectionsPglite = await repeat(RUNS, changedCopy, generateIn([]));
  // The same change saved while `generate --watch` runs: its engine and modules stay loaded.
  forgetIntrospections(cache, (entry) => !committed.has(entry));
  const watchDir = copyTemplate();
  const sectionsWatch = await watchedSaves(watchDir, cache, RUNS, (n) => oneMoreColumn(watchDir, n));
  // A fresh clone: an empty cache (as after npm ci), so the empty PGlite cluster is unpacked, every
  // migration applied and the schemas transpiled afresh.
  const freshCache = join(WORK, 'a-fresh-cache');
  const sectionsUncached = await repeat(
    RUNS,
    () => {
      fresh(freshCache);
      const dir = copyTemplate();
      oneColumnChange(dir);
      return dir;
    },
    generateIn([], freshCache),
  );
  // What no single run can go below: node loading the libraries a run needs, and doing nothing else.
  const libraries = await repeat(RUNS, () => undefined, () => measure(SECTIONS[0], ['-e', LIBRARIES_A_RUN_LOADS], { cwd: ROOT }));
  const chain = await repeat(
    RUNS,
    async () => {
      const dir = join(WORK, 'a-chain');
      fresh(dir);
      cpSync(template, dir, { recursive: true });
      const url = await freshDatabase();
      drizzleConfig(dir, DEMO_SECTIONS.map((section) => `./${SCHEMAS}/${section.name}/drizzle-schema.ts`), MIGRATIONS, url);
      // The developer's database already has the existing migrations.
      execFileSync(bin('drizzle-kit'), ['migrate', '--config', 'drizzle.config.mjs'], { cwd: dir, stdio: 'ignore' });
      oneColumnChange(dir);
      return { dir, url };
    },
    ({ dir, url }) => measureSteps(chainSteps(dir, demoChainSections(dir, url))),
  );
  await dropDatabases();
  await dropHistoryDatabases();
  return { sectionsServer, sectionsPglite, sectionsWatch, sectionsUncached, libraries, chain };
}

const LIBRARIES_A_RUN_LOADS = ['drizzle-orm', 'drizzle-orm/pg-core', 'drizzle-kit/api', 'kysely-codegen/dist/generator/dialects/postgres/postgres-dialect.js']
  .map((name) => `require(${JSON.stringify(name)});`)
  .join(' ');

/** The history databases the shadow-server runs kept (sections_cache_*) on the bench's server. */
async function dropHistoryDatabases() {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    const { rows } = await client.query("select datname from pg_database where datname like 'sections\\_cache\\_%'");
    for (const { datname } of rows) if (!historyDatabasesBefore.has(datname)) await client.query(`drop database "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}

async function caseB() {
  const dir = copyDemo(join(WORK, 'b'));
  const cache = join(WORK, 'b-cache');
  measure(SECTIONS[0], [SECTIONS[1], 'generate', '-q'], { cwd: dir, env: { SECTIONS_CACHE_DIR: cache } });
  const warm = await repeat(RUNS, () => dir, (cwd) => measure(SECTIONS[0], [SECTIONS[1], 'check', '-q'], { cwd, env: { SECTIONS_CACHE_DIR: cache } }));
  const cold = await repeat(
    RUNS,
    () => fresh(join(WORK, 'b-cold-cache')),
    (coldCache) => measure(SECTIONS[0], [SECTIONS[1], 'check', '-q'], { cwd: dir, env: { SECTIONS_CACHE_DIR: coldCache } }),
  );
  const url = await freshDatabase();
  drizzleConfig(dir, DEMO_SECTIONS.map((section) => `./${SCHEMAS}/${section.name}/drizzle-schema.ts`), MIGRATIONS, url);
  execFileSync(bin('drizzle-kit'), ['migrate', '--config', 'drizzle.config.mjs'], { cwd: dir, stdio: 'ignore' });
  // An up-to-date tree for the chain too: its own generated files, which --verify then compares.
  measureSteps(chainSteps(dir, demoChainSections(dir, url)).slice(2));
  const chain = await repeat(RUNS, () => dir, (cwd) => measureSteps(chainCheckSteps(cwd, demoChainSections(cwd, url))));
  await dropDatabases();
  return { warm, cold, chain };
}

async function caseC(sectionCount, tableCount) {
  const label = `${sectionCount}x${tableCount}`;
  const cold = await repeat(
    RUNS,
    () => {
      const dir = join(WORK, `c-${label}`);
      syntheticProject(dir, sectionCount, tableCount);
      return { dir, cache: fresh(join(WORK, `c-${label}-cache`)) };
    },
    ({ dir, cache }) => measure(SECTIONS[0], [SECTIONS[1], 'generate', '-q'], { cwd: dir, env: { SECTIONS_CACHE_DIR: cache } }),
  );
  const newProject = await repeat(
    RUNS,
    async () => {
      const dir = join(WORK, `c-${label}`);
      syntheticProject(dir, sectionCount, tableCount);
      return { dir, cache: await cacheWithCluster(join(WORK, `c-${label}-cache`)) };
    },
    ({ dir, cache }) => measure(SECTIONS[0], [SECTIONS[1], 'generate', '-q'], { cwd: dir, env: { SECTIONS_CACHE_DIR: cache } }),
  );
  const warmDir = join(WORK, `c-${label}`);
  const warmCache = join(WORK, `c-${label}-cache`);
  const generateWarm = (cwd) => measure(SECTIONS[0], [SECTIONS[1], 'generate', '-q'], { cwd, env: { SECTIONS_CACHE_DIR: warmCache } });
  const warm = await repeat(RUNS, () => warmDir, generateWarm);
  // The developer's loop: each run adds a column, so each adds a migration. The first (not
  // measured) commits the initial migration into the cache's shared cluster, as it would on the
  // developer's machine; from then on a run applies the one migration it generated.
  let columns = 0;
  const addColumn = () => {
    columns += 1;
    const file = join(warmDir, 'db', 's000', 'schema.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("title: varchar('title', { length: 200 }).notNull(),", `$&\n  extraC${columns}: integer('extra_c${columns}'),`));
    return warmDir;
  };
  generateWarm(addColumn());
  const change = await repeat(RUNS, addColumn, generateWarm);
  const chain = await repeat(
    RUNS,
    async () => {
      const dir = join(WORK, `c-${label}-chain`);
      const sections = syntheticProject(dir, sectionCount, tableCount);
      const url = await freshDatabase();
      drizzleConfig(dir, sections.map((section) => `./db/${section.name}/schema.ts`), './db/migrations', url);
      return { dir, sections: sections.map((section) => ({ ...section, url, types: join(dir, 'db', section.name, 'types.ts') })) };
    },
    ({ dir, sections }) => measureSteps(chainSteps(dir, sections)),
  );
  await dropDatabases();
  return { label, tables: sectionCount * tableCount, cold, newProject, warm, change, chain };
}

/**
 * E: what the migration lint adds to check. The demo plus one new migration on a git branch, with
 * no generation stamp (as in CI): `--base main` lints the new migration, `--base change` (the
 * branch itself) has nothing to lint, so PostgreSQL's parser never loads; the rest is the same.
 */
async function caseE() {
  const dir = copyDemo(join(WORK, 'e'));
  const cache = join(WORK, 'e-cache');
  const git = (...args) => execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'demo');
  git('checkout', '-qb', 'change');
  oneColumnChange(dir);
  measure(SECTIONS[0], [SECTIONS[1], 'generate', '-q'], { cwd: dir, env: { SECTIONS_CACHE_DIR: cache } });
  git('add', '-A');
  git('commit', '-qm', 'change');
  const withoutStamp = () => {
    for (const entry of readdirSync(cache)) if (/^(stamp|lint)-/.test(entry)) rmSync(join(cache, entry));
    return dir;
  };
  const check = (base) => (cwd) => measure(SECTIONS[0], [SECTIONS[1], 'check', '-q', '--base', base], { cwd, env: { SECTIONS_CACHE_DIR: cache } });
  const linted = await repeat(RUNS, withoutStamp, check('main'));
  const nothing = await repeat(RUNS, withoutStamp, check('change'));
  return { linted, nothing };
}

async function caseD() {
  const help = await repeat(10, () => ROOT, (cwd) => measure(SECTIONS[0], [SECTIONS[1], '--help'], { cwd }));
  const node = await repeat(10, () => ROOT, (cwd) => measure(process.execPath, ['-e', '0'], { cwd }));
  return { help, node };
}

// ---------------------------------------------------------------------------------------------
// Report

const s = (value) => `${value.toFixed(2)} s`;
const row = (name, m) => `| ${name} | ${s(m.median)} | ${s(m.min)} – ${s(m.max)} | ${m.runs} | ${Math.round(m.rssMb)} MB |`;
const verdict = (ok) => (ok ? '**PASS**' : '**MISS**');

function chart(c) {
  const width = 640;
  const height = 360;
  const pad = 56;
  const maxTables = Math.max(...c.map((entry) => entry.tables));
  const maxTime = Math.max(...c.flatMap((entry) => [entry.chain.median, entry.cold.median, entry.warm.median]));
  const x = (tables) => pad + ((width - 2 * pad) * tables) / maxTables;
  const y = (seconds) => height - pad - ((height - 2 * pad) * seconds) / maxTime;
  const line = (pick, color, label, offset) => {
    const points = c.map((entry) => `${x(entry.tables).toFixed(1)},${y(pick(entry)).toFixed(1)}`).join(' ');
    const dots = c.map((entry) => `<circle cx="${x(entry.tables).toFixed(1)}" cy="${y(pick(entry)).toFixed(1)}" r="3" fill="${color}"/>`).join('');
    return `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points}"/>${dots}<text x="${width - pad - 170}" y="${pad + offset}" fill="${color}" font-size="12">${label}</text>`;
  };
  const ticks = c.map((entry) => `<text x="${x(entry.tables).toFixed(1)}" y="${height - pad + 16}" font-size="11" text-anchor="middle">${entry.tables} (${entry.label})</text>`).join('');
  const yTicks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => `<text x="${pad - 6}" y="${y(maxTime * f).toFixed(1)}" font-size="11" text-anchor="end">${(maxTime * f).toFixed(0)} s</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${width / 2}" y="24" font-size="14" text-anchor="middle">generate: time against table count (median)</text>
<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="black"/>
<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="black"/>
${ticks}${yTicks}
${line((entry) => entry.chain.median, '#c0392b', "script chain (drizzle-kit + kysely-codegen per section)", 0)}
${line((entry) => entry.cold.median, '#2471a3', 'sections generate, cold', 16)}
${line((entry) => entry.newProject.median, '#8e44ad', 'sections generate, new project', 32)}
${line((entry) => entry.warm.median, '#27ae60', 'sections generate, warm', 48)}
</svg>
`;
}

/** History databases that were on the server before the bench, which it leaves alone. */
const historyDatabasesBefore = new Set();

/** `npm run bench -- A B`: cases A and B (each side by side with its chain) printed, and nothing written, for trying a change quickly. */
async function onlyCases(names) {
  const cases = { A: caseA, B: caseB };
  const unknown = names.filter((name) => !(name in cases));
  if (unknown.length > 0) throw new Error(`unknown case ${unknown.join(', ')}: pick from ${Object.keys(cases).join(', ')}`);
  await prepareWork();
  for (const name of names) {
    const result = await cases[name]();
    for (const [row, measured] of Object.entries(result)) {
      console.log(`${name} ${row}: ${s(measured.median)} (${s(measured.min)}–${s(measured.max)}), ${(measured.median / result.chain.median).toFixed(3)}× the chain`);
    }
  }
}

async function prepareWork() {
  fresh(WORK);
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  for (const { datname } of (await client.query("select datname from pg_database where datname like 'sections\\_cache\\_%'")).rows) historyDatabasesBefore.add(datname);
  await client.end();
}

async function main() {
  await prepareWork();
  console.log('D: startup');
  const d = await caseD();
  console.log('A: the demo after a one-column change');
  const a = await caseA();
  console.log('B: check on an up-to-date tree');
  const b = await caseB();
  console.log('E: what lint adds to check');
  const e = await caseE();
  console.log('C: synthetic sizes');
  const c = [await caseC(3, 8), await caseC(20, 10), await caseC(100, 10)];

  const ratioA = a.sectionsPglite.median / a.chain.median;
  const ratioAServer = a.sectionsServer.median / a.chain.median;
  const ratioAUncached = a.sectionsUncached.median / a.chain.median;
  const ratioB = b.warm.median / b.chain.median;
  const growth = c[2].cold.median / c[0].cold.median;
  const growthNewProject = c[2].newProject.median / c[0].newProject.median;
  const ratioD = d.help.median / d.node.median;
  const lintAdds = e.linted.median - e.nothing.median;
  const peak = Math.max(
    a.sectionsServer.rssMb, a.sectionsPglite.rssMb, a.sectionsWatch.rssMb, a.sectionsUncached.rssMb, b.warm.rssMb, b.cold.rssMb, d.help.rssMb, e.linted.rssMb,
    ...c.flatMap((entry) => [entry.cold.rssMb, entry.newProject.rssMb, entry.warm.rssMb, entry.change.rssMb]),
  );

  const report = `# Benchmark results

Regenerated by \`npm run bench\` (bench/run.mjs). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL at ${SERVER.replace(/:[^:@/]*@/, ':***@')}.
Wall-clock time of whole processes, median of N runs with min–max; peak RSS from GNU time (%M), the
largest of any process in a run. The script chain is its own scripts: \`drizzle-kit generate\`,
\`drizzle-kit migrate\`, then \`kysely-codegen\` once per section (one process and one introspection each);
in CI \`drizzle-kit check\` then \`kysely-codegen --verify\` per section.

## Targets

| target | measured | |
|---|---|---|
| A: generate after a one-column change ≤ 0.30× the chain (default: embedded PGlite) | ${ratioA.toFixed(2)}× (${s(a.sectionsPglite.median)} vs ${s(a.chain.median)}) | ${verdict(ratioA <= 0.3)} |
| A: the same with \`--shadow-url\` on the chain's local server ≤ 0.20× | ${ratioAServer.toFixed(2)}× (${s(a.sectionsServer.median)} vs ${s(a.chain.median)}) | ${verdict(ratioAServer <= 0.2)} |
| A: the same on a fresh clone (empty cache; embedded PGlite) ≤ 0.45× | ${ratioAUncached.toFixed(2)}× (${s(a.sectionsUncached.median)} vs ${s(a.chain.median)}) | ${verdict(ratioAUncached <= 0.45)} |
| B: check on an up-to-date tree ≤ 0.10× the chain | ${ratioB.toFixed(3)}× (${s(b.warm.median)} vs ${s(b.chain.median)}) | ${verdict(ratioB <= 0.1)} |
| E: the migration lint adds ≤ 0.15 s to check (the demo plus one new migration) | ${s(lintAdds)} (${s(e.linted.median)} vs ${s(e.nothing.median)}) | ${verdict(lintAdds <= 0.15)} |
| C: 100×10 generate (cold) within 4× of 3×8 | ${growth.toFixed(2)}× (${s(c[2].cold.median)} vs ${s(c[0].cold.median)}) | ${verdict(growth <= 4)} |
| C: the same for a new project on a machine with the PGlite cluster unpacked | ${growthNewProject.toFixed(2)}× (${s(c[2].newProject.median)} vs ${s(c[0].newProject.median)}) | ${verdict(growthNewProject <= 4)} |
| peak RSS of every sections command ≤ 500 MB | ${Math.round(peak)} MB | ${verdict(peak <= 500)} |
| D: \`sections --help\` ≤ 3× \`node -e 0\` | ${ratioD.toFixed(2)}× (${s(d.help.median)} vs ${s(d.node.median)}) | ${verdict(ratioD <= 3)} |

## A: the demo (24 tables, 3 sections) after a one-column change

Each run starts from the demo as committed, adds one column to a vendor table, and runs once. The
chain's database already holds the committed migrations, as a developer's would; sections' engine
likewise holds them in its history database (a PGlite working cluster, or \`sections_cache_<id>\` on the
server) from an earlier \`generate\`, and nothing of the change is cached: every run has PostgreSQL run the
new migration (inside a transaction it rolls back) and introspects the result, as every \`generate\` that
writes a migration does. The fresh-clone row starts from an empty cache: the empty PGlite cluster is
unpacked, every migration applied and the schemas transpiled. The \`--watch\` row is the developer's loop in one
session: each save adds one more column (the session's draft migration is rewritten with it), timed from the
write to the run's line, the watcher's 150 ms debounce included; PostgreSQL runs and introspects every save as
above, on an engine the session keeps booted (${(a.sectionsWatch.median / a.chain.median).toFixed(2)}× the chain).
The libraries row is a floor for any single run: a node process that only loads what every run needs
(${(a.libraries.median / a.chain.median).toFixed(2)}× the chain) and does none of the work.

| command | median | min – max | runs | peak RSS |
|---|---|---|---|---|
${row('sections generate --shadow-url (local server)', a.sectionsServer)}
${row('sections generate (embedded PGlite)', a.sectionsPglite)}
${row('a save under sections generate --watch (embedded PGlite, kept booted)', a.sectionsWatch)}
${row('sections generate, fresh clone (embedded PGlite)', a.sectionsUncached)}
${row('node loading drizzle-orm, drizzle-kit\'s API and kysely-codegen\'s dialect, nothing else', a.libraries)}
${row('script chain (local server)', a.chain)}

## B: check on an up-to-date tree

| command | median | min – max | runs | peak RSS |
|---|---|---|---|---|
${row('sections check (warm: generation stamp valid)', b.warm)}
${row('sections check (cold: empty cache, embedded PGlite)', b.cold)}
${row('drizzle-kit check + kysely-codegen --verify ×3', b.chain)}

## C: generated schemas (sections × tables)

| size | tables | sections generate cold | new project | warm | after a one-column change | script chain | chain / cold |
|---|---|---|---|---|---|---|---|
${c.map((entry) => `| ${entry.label} | ${entry.tables} | ${s(entry.cold.median)} (${s(entry.cold.min)}–${s(entry.cold.max)}, ${Math.round(entry.cold.rssMb)} MB) | ${s(entry.newProject.median)} (${s(entry.newProject.min)}–${s(entry.newProject.max)}, ${Math.round(entry.newProject.rssMb)} MB) | ${s(entry.warm.median)} (${Math.round(entry.warm.rssMb)} MB) | ${s(entry.change.median)} (${s(entry.change.min)}–${s(entry.change.max)}, ${Math.round(entry.change.rssMb)} MB) | ${s(entry.chain.median)} (${s(entry.chain.min)}–${s(entry.chain.max)}) | ${(entry.chain.median / entry.cold.median).toFixed(1)}× |`).join('\n')}

${RUNS} runs of each. Cold = from scratch with an empty cache: the empty PGlite cluster packed by the
build is unpacked (PGlite's initdb runs only for a PGlite version the build did not pack), then the first
migration is run and introspected, types and stubs written for every table, with the schemas transpiled
afresh. New project = the same with the empty cluster already unpacked. Warm = rerun with nothing changed.
After a change = a new column in one table, so a new migration, in the project the runs before generated:
PostgreSQL runs it on top of the committed ones and the result is introspected.
The chain runs drizzle-kit generate and migrate on a fresh database, then one kysely-codegen per section.

![time against table count](chart.svg)

## E: what the migration lint adds to check

The demo plus one new migration on a git branch, without a generation stamp (as in CI, a fresh clone).

| command | median | min – max | runs | peak RSS |
|---|---|---|---|---|
${row('sections check --base main (lints the new migration)', e.linted)}
${row('sections check --base change (nothing new: the parser never loads)', e.nothing)}

## D: startup

| command | median | min – max | runs | peak RSS |
|---|---|---|---|---|
${row('sections --help', d.help)}
${row('node -e 0', d.node)}
`;
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), report);
  writeFileSync(join(ROOT, 'bench', 'chart.svg'), chart(c));
  rmSync(WORK, { recursive: true, force: true });
  console.log(report);
}

(process.argv.length > 2 ? onlyCases(process.argv.slice(2)) : main()).catch(async (error) => {
  await dropDatabases().catch(() => undefined);
  console.error(error);
  process.exitCode = 1;
});
