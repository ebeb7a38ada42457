import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject } from '../helpers/temp-project.js';

const schema = `import { pgTable, serial } from 'drizzle-orm/pg-core';\nexport const widget = pgTable('widget', { id: serial('id').primaryKey() });\n`;

function projectWithConfig(config: string, files: Record<string, string> = {}) {
  return createTempProject({ files: { 'sections.config.ts': config, 'db/core/schema.ts': schema, ...files } });
}

async function expectUserError(project: ReturnType<typeof projectWithConfig>, pattern: RegExp) {
  const before = project.snapshot();
  const result = await runCli(['generate'], { cwd: project.dir });
  expect(result.exitCode).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(project.snapshot()).toEqual(before);
  return result;
}

const valid = `{ migrations: './db/migrations', sections: { core: { schema: './db/core/schema.ts', types: './db/core/types.ts' } } }`;

describe('config errors: one line naming file and key, exit 2, nothing written', () => {
  it('an unknown key', async () => {
    await expectUserError(
      projectWithConfig(`export default { ...${valid}, migratons: 'x' };`),
      /^error sections\.config\.ts: unknown key 'migratons'$/,
    );
  });

  it('an unknown key inside a section', async () => {
    await expectUserError(
      projectWithConfig(`export default { migrations: './db/migrations', sections: { core: { schema: './db/core/schema.ts', types: './db/core/types.ts', inclde: 'x' } } };`),
      /^error sections\.config\.ts: unknown key 'sections\.core\.inclde'$/,
    );
  });

  it('a wrong type', async () => {
    await expectUserError(
      projectWithConfig(`export default { migrations: 42, sections: { core: { schema: './db/core/schema.ts', types: './db/core/types.ts' } } };`),
      /^error sections\.config\.ts: migrations: .*expected string/,
    );
  });

  it('a missing schema file', async () => {
    await expectUserError(
      projectWithConfig(`export default { migrations: './db/migrations', sections: { core: { schema: './db/core/nope.ts', types: './db/core/types.ts' } } };`),
      /^error sections\.config\.ts: sections\.core\.schema: file not found \(\.\/db\/core\/nope\.ts\)$/,
    );
  });

  it('a syntax error in the config', async () => {
    await expectUserError(projectWithConfig(`export default { migrations: './db/migrations', sections: { ,, } };`), /sections\.config\.ts: cannot load config/);
  });

  it('no config at all', async () => {
    const project = createTempProject({ files: { 'package.json': '{}' } });
    const result = await runCli(['generate'], { cwd: project.dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/no sections config found/);
  });

  it('a section name that is not an identifier', async () => {
    await expectUserError(
      projectWithConfig(`export default { migrations: './db/migrations', sections: { 'Core-1': { schema: './db/core/schema.ts', types: './db/core/types.ts' } } };`),
      /^error sections\.config\.ts: sections\.Core-1: section names are identifiers/,
    );
  });
});
