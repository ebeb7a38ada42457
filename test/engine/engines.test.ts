import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { openEngine } from '../../src/engine/open-engine.js';
import { OperationError } from '../../src/errors.js';
import { TEST_DATABASE_URL } from '../helpers/pg.js';
import { REPO_ROOT } from '../helpers/temp-project.js';
import { foreignKeys, introspect, MIGRATION_SQL } from './fixture.js';

mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
const cacheDir = mkdtempSync(join(REPO_ROOT, '.tmp', 'engine-cache-'));

async function applyAndIntrospect(engine: Engine) {
  try {
    await engine.exec(MIGRATION_SQL);
    return { metadata: await introspect(engine.db), foreignKeys: await foreignKeys(engine.db) };
  } finally {
    await engine.close();
  }
}

describe('both engines', () => {
  const seen: Record<string, Awaited<ReturnType<typeof applyAndIntrospect>>> = {};
  it('PGlite applies a drizzle migration that kysely-codegen can introspect', async () => {
    const engine = await openEngine({ cacheDir, rollbackOnly: true });
    expect(engine.kind).toBe('pglite');
    seen.pglite = await applyAndIntrospect(engine);
    const { metadata } = seen.pglite;
    expect(metadata.tables.map((table) => table.name)).toEqual(['vendor_inventory', 'vendor_profile']);
    expect(metadata.enums).toEqual({ 'public.vendor_status': ['active', 'suspended'] });
    const profile = metadata.tables.find((table) => table.name === 'vendor_profile')!;
    expect(profile.columns).toEqual([
      { name: 'id', dataType: 'int4', enumValues: null, hasDefaultValue: true, isArray: false, isAutoIncrementing: true, isNullable: false },
      { name: 'public_id', dataType: 'uuid', enumValues: null, hasDefaultValue: true, isArray: false, isAutoIncrementing: false, isNullable: false },
      { name: 'business_name', dataType: 'varchar', enumValues: null, hasDefaultValue: false, isArray: false, isAutoIncrementing: false, isNullable: false },
      { name: 'status', dataType: 'vendor_status', enumValues: ['active', 'suspended'], hasDefaultValue: true, isArray: false, isAutoIncrementing: false, isNullable: false },
      { name: 'tags', dataType: 'text', enumValues: null, hasDefaultValue: false, isArray: true, isAutoIncrementing: false, isNullable: true },
    ]);
    expect(seen.pglite.foreignKeys).toEqual(['vendor_inventory_vendor_id_vendor_profile_id_fk']);
  });

  it('the server engine sees exactly what PGlite sees', async () => {
    const engine = await openEngine({ shadowUrl: TEST_DATABASE_URL, cacheDir, rollbackOnly: true });
    expect(engine.kind).toBe('server');
    seen.server = await applyAndIntrospect(engine);
    expect(seen.server.metadata.tables.length).toBe(2);
    expect(seen.server).toEqual(seen.pglite);
  });
});

describe.each([
  ['pglite (cached cluster, rolled back)', () => openEngine({ cacheDir, rollbackOnly: true })],
  ['pglite (private copy)', () => openEngine({ cacheDir, rollbackOnly: false })],
  ['server', () => openEngine({ shadowUrl: TEST_DATABASE_URL, cacheDir, rollbackOnly: true })],
] as const)('%s engine', (_kind, open) => {
  it('reports a failing statement as an OperationError naming it, and closes twice without complaint', async () => {
    const engine = await open();
    try {
      await engine.exec('create table t (id int);\n--> statement-breakpoint\ncreate table t (id int);');
      expect.unreachable('the second create must fail');
    } catch (error) {
      expect(error).toBeInstanceOf(OperationError);
      expect((error as OperationError).message).toBe('relation "t" already exists');
      expect((error as OperationError).details).toEqual(['in statement: create table t (id int);']);
    } finally {
      await Promise.all([engine.close(), engine.close()]);
      await engine.close();
    }
  });

  it('runs several statements between two breakpoints, on one session', async () => {
    const engine = await open();
    try {
      await engine.exec('create schema extra; set search_path = extra;\n--> statement-breakpoint\ncreate table in_extra (id int); create table also_extra (id int);');
      const metadata = await introspect(engine.db);
      expect(metadata.tables.map((table) => `${table.schema}.${table.name}`).sort()).toEqual(['extra.also_extra', 'extra.in_extra']);
    } finally {
      await engine.close();
    }
  });
});

it('closed engines leave nothing that keeps the process alive', () => {
  const script = `
    import { openEngine } from ${JSON.stringify(join(REPO_ROOT, 'dist/engine/open-engine.js'))};
    for (const [shadowUrl, rollbackOnly] of [[undefined, true], [undefined, false], [${JSON.stringify(TEST_DATABASE_URL)}, true]]) {
      const engine = await openEngine({ shadowUrl, cacheDir: ${JSON.stringify(cacheDir)}, rollbackOnly });
      await engine.exec('create table t (id int)');
      await engine.close();
    }
    // A finished fs request (a copy's removal) stays listed until the next turn of the loop.
    await new Promise((resolve) => setImmediate(resolve));
    console.log(JSON.stringify(process.getActiveResourcesInfo()));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  // The pipe the output goes through is the only handle left.
  expect(JSON.parse(stdout.trim()).filter((resource: string) => resource !== 'PipeWrap')).toEqual([]);
});
