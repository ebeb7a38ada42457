import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import type { TempProject } from '../helpers/temp-project.js';

/** The scaffolded files of a project: repositories, services and connection modules, by path. */
const STUB = /^(features\/.*\.(repository|service)\.ts|connections\/.*\.ts)$/;

export function scaffoldedFiles(project: TempProject): [string, string][] {
  return Object.entries(project.snapshot())
    .filter(([file]) => STUB.test(file))
    .sort(([a], [b]) => a.localeCompare(b));
}

/** Each file equals its golden copy under `goldenDir` (UPDATE_GOLDEN=1 rewrites them). */
export function expectGoldenFiles(files: readonly [string, string][], goldenDir: string): void {
  for (const [file, content] of files) {
    const golden = join(goldenDir, file);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, content);
    }
    expect(existsSync(golden), `golden file for ${file}`).toBe(true);
    expect(content, file).toBe(readFileSync(golden, 'utf8'));
  }
}
