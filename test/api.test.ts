import { describe, expect, it } from 'vitest';
import { check, generate, UserError } from 'sections';
import { createTempProject } from './helpers/temp-project.js';
import { SAMPLE_CONFIG, sampleFiles } from './generate/sample-project.js';
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
});
