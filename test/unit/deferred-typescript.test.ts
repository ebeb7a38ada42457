import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-project.js';

/**
 * Serializes one table with kysely-codegen, without and then with a `typeMapping`, in a process of
 * its own (the require cache is per process); says whether the TypeScript compiler was loaded
 * after each. `compilerFirst` loads the compiler before anything else, as a process that already
 * had it would.
 */
function serializeInChild(compilerFirst: boolean) {
  const dist = (file: string) => JSON.stringify(join(REPO_ROOT, 'dist', file));
  const script = `
    import { createRequire, Module } from 'node:module';
    import { dirname } from 'node:path';
    const require = createRequire(${dist('codegen/section-types.js')});
    const compilerFile = require.resolve('typescript', { paths: [dirname(require.resolve('kysely-codegen'))] });
    if (${compilerFirst}) require(compilerFile);
    const { loadSerializer } = await import(${dist('codegen/section-types.js')});
    const { metadataFromJson } = await import(${dist('codegen/introspect.js')});
    const { PostgresDialect, serializeFromMetadata } = await loadSerializer();
    const column = { name: 'happened_at', dataType: 'timestamp', dataTypeSchema: 'pg_catalog', enumValues: null, hasDefaultValue: false, isArray: false, isAutoIncrementing: false, isNullable: false, comment: null };
    const metadata = await metadataFromJson({ enums: {}, tables: [{ name: 'event', schema: 'public', isPartition: false, isView: false, columns: [column] }] });
    const serialize = (typeMapping) => serializeFromMetadata({ metadata, dialect: new PostgresDialect(), camelCase: true, typeMapping });
    const compilerLoaded = () => require.cache[compilerFile] instanceof Module;
    const plain = serialize(undefined);
    const loadedAfterPlain = compilerLoaded();
    const mapped = serialize({ timestamp: 'Temporal.Instant' });
    console.log(JSON.stringify({ plain, loadedAfterPlain, mapped, loadedAfterMapped: compilerLoaded() }));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(stdout) as { plain: string; loadedAfterPlain: boolean; mapped: string; loadedAfterMapped: boolean };
}

it("loads the TypeScript compiler only when kysely-codegen parses a typeMapping, with the same output", () => {
  const deferred = serializeInChild(false);
  expect(deferred.loadedAfterPlain).toBe(false);
  expect(deferred.plain).toMatch(/happenedAt: Timestamp;/);
  expect(deferred.loadedAfterMapped).toBe(true);
  expect(deferred.mapped).toMatch(/happenedAt: Temporal\.Instant;/);

  const eager = serializeInChild(true);
  expect(eager.loadedAfterPlain).toBe(true);
  expect([deferred.plain, deferred.mapped]).toEqual([eager.plain, eager.mapped]);
});
