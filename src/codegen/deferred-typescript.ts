import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { UserError } from '../errors.js';

const require = createRequire(import.meta.url);

/**
 * kysely-codegen's transformer requires the TypeScript compiler as it loads (a 9 MB module:
 * 0.3 s and 25 MB of a generate run) but calls it only to parse the type strings of
 * `typeMapping`. Before kysely-codegen loads, this puts a stand-in for the compiler in the require
 * cache that loads the real one on first use, so a config without `typeMapping` never pays for
 * it. Does nothing once the compiler is loaded.
 */
export function deferTypescriptLoad(): void {
  let file: string;
  try {
    file = require.resolve('typescript', { paths: [dirname(require.resolve('kysely-codegen'))] });
  } catch {
    // kysely-codegen's serializer requires the compiler but does not depend on it.
    throw new UserError('kysely-codegen needs the typescript package, which this project does not have: npm install --save-dev typescript@5');
  }
  if (require.cache[file]) return;
  let compiler: object | undefined;
  const load = (): object => {
    if (!compiler) {
      delete require.cache[file];
      compiler = require(file) as object;
    }
    return compiler;
  };
  const standIn = new Proxy(
    {},
    {
      // Read by the `__importDefault` helper of compiled CommonJS before any real use.
      get: (_target, key) => (key === '__esModule' ? undefined : Reflect.get(load(), key)),
      has: (_target, key) => Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        // A proxy may only report a property as non-configurable if its target has it so.
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
  require.cache[file] = { id: file, filename: file, loaded: true, exports: standIn, children: [], paths: [] } as unknown as Module;
}
