import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { check, generate, UserError } from 'drizzle-sections';
import { createTempProject, tempDir } from './helpers/temp-project.js';
import { CUSTOMER_SCHEMA, SAMPLE_CONFIG, sampleFiles } from './generate/sample-project.js';
import { SHARED_CACHE_DIR } from './helpers/run-cli.js';

describe('the programmatic API (the package as users import it)', () => {
  it('generate and check return the same data as --json, and errors are typed, never process.exit', async () => {
    process.env.SECTIONS_CACHE_DIR = SHARED_CACHE_DIR;
    const project = createTempProject({ files: sampleFiles() });
    const result = await generate({ cwd: project.dir });
    expect(result.migration?.tag).toBe('0000_init');
    expect(result.sections.map((section) => [section.name, section.types])).toEqual([
      ['core', 'created'],
      ['vendor', 'created'],
      ['customer', 'created'],
    ]);
    const checked = await check({ cwd: project.dir });
    expect(checked.ok).toBe(true);
    // Up to date: only the migration lint's style warnings about the sample's serial ids, integers and timestamps.
    expect([...new Set(checked.problems.map((problem) => `${problem.kind} ${problem.severity} ${problem.rule}`))].sort()).toEqual([
      'lint warning prefer-bigint-over-int',
      'lint warning prefer-identity',
      'lint warning prefer-timestamptz',
    ]);

    project.write('sections.config.ts', SAMPLE_CONFIG.replace("include: 'vendor_*'", "include: 'nothing_*'"));
    const error = await generate({ cwd: project.dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toBe('section "vendor": include pattern "nothing_*" matches no table');
  });

  it('two generate() calls for different projects at the same time keep to their own schemas, outputs and stamps', async () => {
    process.env.SECTIONS_CACHE_DIR = SHARED_CACHE_DIR;
    const extra = (table: string) => `${CUSTOMER_SCHEMA}\nexport const ${table} = pgTable('${table}', { id: serial('id').primaryKey() });\n`;
    const [first, second] = [
      createTempProject({ files: sampleFiles({ 'db/customer/schema.ts': extra('customer_first_only') }) }),
      createTempProject({ files: sampleFiles({ 'db/customer/schema.ts': extra('customer_second_only') }) }),
    ];
    const [a, b] = await Promise.all([generate({ cwd: first.dir }), generate({ cwd: second.dir })]);
    expect(a.sections.find((section) => section.name === 'customer')!.tables).toContain('customer_first_only');
    expect(b.sections.find((section) => section.name === 'customer')!.tables).toContain('customer_second_only');
    expect(first.read('db/customer/types.ts')).toContain('customerFirstOnly');
    expect(first.read('db/customer/types.ts')).not.toContain('customerSecondOnly');
    expect(second.read('db/customer/types.ts')).toContain('customerSecondOnly');
    expect(second.read('db/customer/types.ts')).not.toContain('customerFirstOnly');

    // Each run's stamp vouches for its own files only: an edit in one project is seen there, and only there.
    second.write('db/customer/schema.ts', extra('customer_second_renamed'));
    const [unchanged, changed] = await Promise.all([check({ cwd: first.dir }), check({ cwd: second.dir })]);
    expect(unchanged.ok).toBe(true);
    // The sample's serial ids draw the lint's style warnings, and nothing else.
    expect(unchanged.problems.filter((problem) => problem.kind !== 'lint' || problem.severity !== 'warning')).toEqual([]);
    expect(changed.problems.map((problem) => problem.kind)).toContain('migration-missing');
  });

  it('a run that fails after the engine began starting leaves no thread behind: the process ends by itself', async () => {
    // No generation stamp, so the engine's thread starts before the config loads; then the config fails.
    const badConfig = createTempProject({ files: sampleFiles({ 'sections.config.ts': SAMPLE_CONFIG.replace('sections: {', 'sectoins: {') }) });
    // Loads, then the schemas fail it: by then the thread was told its engine.
    const noTable = createTempProject({ files: sampleFiles({ 'sections.config.ts': SAMPLE_CONFIG.replace("include: 'vendor_*'", "include: 'nothing_*'") }) });
    const script = [
      "import { check, generate } from 'drizzle-sections';",
      'for (const dir of process.argv.slice(2)) {',
      '  for (const command of [generate, check]) {',
      '    const error = await command({ cwd: dir }).then(() => undefined, (caught) => caught);',
      "    console.log(`${command.name}: ${error?.constructor.name} ${error?.exitCode}`);",
      '  }',
      '}',
    ].join('\n');
    badConfig.write('run.mjs', script);
    const child = await execa('node', [badConfig.path('run.mjs'), badConfig.dir, noTable.dir], {
      env: { SECTIONS_CACHE_DIR: SHARED_CACHE_DIR },
      // A thread left waiting would keep the process alive for good.
      timeout: 120_000,
      reject: false,
    });
    expect(child.timedOut, 'the process did not end by itself').toBe(false);
    expect(child.exitCode, child.stderr).toBe(0);
    expect(child.stdout.split('\n')).toEqual(['generate: UserError 2', 'check: UserError 2', 'generate: UserError 2', 'check: UserError 2']);
  });

  it('a resident engine stays booted between generate() calls, its history cluster locked, until it is closed', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const cacheDir = tempDir('cache-');
    const script = [
      "import { readdirSync, readFileSync, writeFileSync } from 'node:fs';",
      "import { generate, residentEngine } from 'drizzle-sections';",
      'const [dir, cacheDir] = process.argv.slice(2);',
      "const schema = `${dir}/db/vendor/schema.ts`;",
      'const original = readFileSync(schema, "utf8");',
      "const withColumns = (...columns) => original.replace(\"businessName: text('business_name').notNull(),\", [\"businessName: text('business_name').notNull(),\", ...columns.map((column) => `  ${column},`)].join('\\n'));",
      "const holders = () => readdirSync(cacheDir).filter((entry) => entry.endsWith('-shared.lock')).map((entry) => JSON.parse(readFileSync(`${cacheDir}/${entry}`, 'utf8')).pid === process.pid ? 'this process' : 'another');",
      'const engine = residentEngine();',
      "const run = async (label) => {",
      '  const outcome = await generate({ cwd: dir, engineHost: engine }).then((result) => `${result.migration?.tag} from ${result.metadataFrom}`, (error) => `${error.constructor.name} ${error.exitCode}`);',
      "  console.log(`${label}: ${outcome}, locked by ${holders().join(', ') || 'nobody'}`);",
      '};',
      "await run('first');",
      "const city = \"city: text('city')\";",
      'writeFileSync(schema, withColumns(city));',
      "await run('second');",
      "writeFileSync(schema, `import { sql } from 'drizzle-orm';\\n${withColumns(city, \"code: text('code').default(sql`nextval('missing_seq')`)\")}`);",
      "await run('refused');",
      "writeFileSync(schema, withColumns(city, \"region: text('region')\"));",
      "await run('after');",
      'await engine.close();',
      "console.log(`closed: locked by ${holders().join(', ') || 'nobody'}`);",
    ].join('\n');
    project.write('run.mjs', script);
    const child = await execa('node', [project.path('run.mjs'), project.dir, cacheDir], {
      env: { SECTIONS_CACHE_DIR: cacheDir },
      // The engine's thread left running would keep the process alive for good.
      timeout: 120_000,
      reject: false,
    });
    expect(child.timedOut, 'the process did not end by itself').toBe(false);
    expect(child.exitCode, child.stderr).toBe(0);
    expect(child.stdout.split('\n')).toEqual([
      'first: 0000_init from database, locked by this process',
      'second: 0001_vendor from database, locked by this process',
      'refused: MigrationRefusedError 1, locked by this process',
      'after: 0002_vendor from database, locked by this process',
      'closed: locked by nobody',
    ]);
  });
});
