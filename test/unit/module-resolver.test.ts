import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createModuleResolver } from '../../src/model/module-resolver.js';
import { tempDir } from '../helpers/temp-project.js';

function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
}

describe('module resolution for the import boundary (TypeScript\'s own)', () => {
  it('sees imports, re-exports, import() and require(), and not what comments or strings mention', async () => {
    const resolver = await createModuleResolver(tempDir('resolver-'));
    const text = [
      "import type { A } from './a.js';",
      "export { b } from '@/b';",
      "const c = await import('./c');",
      "const d = require('./d.cjs');",
      "// import { e } from './e';",
      "const text = \"import { f } from './f'\";",
    ].join('\n');
    expect(resolver.importsOf(text)).toEqual(['./a.js', '@/b', './c', './d.cjs']);
  });

  it('follows paths aliases, baseUrl and .js naming .ts, with the nearest tsconfig and what it extends', async () => {
    const root = tempDir('resolver-');
    writeTree(root, {
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', baseUrl: './src', paths: { '@/*': ['./*'] } } }),
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json' }),
      'src/db/accounts/types.ts': 'export interface DB {}\n',
      'src/db/connections/accounts.ts': 'export const db = 1;\n',
      // A package of its own with a tsconfig of its own: its alias means something else.
      'packages/tools/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', paths: { '@/*': ['./lib/*'] } } }),
      'packages/tools/lib/db/accounts/types.ts': 'export interface Other {}\n',
    });
    const resolver = await createModuleResolver(root);
    const from = join(root, 'src/features/billing/invoice.ts');
    expect(resolver.resolve('@/db/accounts/types', from)).toBe(join(root, 'src/db/accounts/types.ts'));
    expect(resolver.resolve('db/accounts/types', from)).toBe(join(root, 'src/db/accounts/types.ts'));
    expect(resolver.resolve('../../db/connections/accounts.js', from)).toBe(join(root, 'src/db/connections/accounts.ts'));
    expect(resolver.resolve('@/db/missing', from)).toBeUndefined();
    expect(resolver.resolve('@/db/accounts/types', join(root, 'packages/tools/src/cli.ts'))).toBe(join(root, 'packages/tools/lib/db/accounts/types.ts'));
  });

  it('node16/nodenext in an ESM package: .js names the .ts file; an extensionless import does not resolve, as tsc says', async () => {
    const root = tempDir('resolver-');
    writeTree(root, {
      'package.json': JSON.stringify({ name: 'app', type: 'module' }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }),
      'db/types.ts': 'export interface DB {}\n',
    });
    const resolver = await createModuleResolver(root);
    const from = join(root, 'features/a.ts');
    expect(resolver.resolve('../db/types.js', from)).toBe(join(root, 'db/types.ts'));
    expect(resolver.resolve('../db/types', from)).toBeUndefined();
  });
});
