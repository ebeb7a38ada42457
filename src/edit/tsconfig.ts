import { dirname } from 'node:path';
import { typescript } from '../commonjs-packages.js';

/**
 * The tsconfig `init` writes when a project has none: the scaffolds are ES modules importing
 * `./x.js` paths, which `NodeNext` compiles as they are and Node runs (with `"type": "module"`).
 */
export const TSCONFIG_TEXT = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "skipLibCheck": true,
    "rootDir": "src",
    "outDir": "dist"
  },
  "include": ["src"]
}
`;

/**
 * Why an existing tsconfig cannot compile the scaffolds, or undefined when it can. Read by
 * TypeScript itself, so comments and `extends` count as they do for tsc: the module system must
 * be Node's (`node16` … `nodenext`), or the resolution a bundler's.
 */
export async function tsconfigProblem(file: string, shownAs: string): Promise<string | undefined> {
  let ts: typeof import('typescript');
  try {
    ts = typescript();
  } catch {
    return undefined;
  }
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) return `${shownAs}: cannot read it (${ts.flattenDiagnosticMessageText(read.error.messageText, ' ')}); the scaffolds need "module": "NodeNext"`;
  const { options } = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(file), undefined, file);
  const module = options.module;
  const nodeModules = module !== undefined && module >= ts.ModuleKind.Node16 && module <= ts.ModuleKind.NodeNext;
  if (nodeModules || options.moduleResolution === ts.ModuleResolutionKind.Bundler) return undefined;
  const named = [
    `"module": ${module === undefined ? 'unset' : `"${ts.ModuleKind[module]}"`}`,
    `"moduleResolution": ${options.moduleResolution === undefined ? 'unset' : `"${ts.ModuleResolutionKind[options.moduleResolution]}"`}`,
  ].join(', ');
  return `${shownAs} has ${named}, which cannot compile the scaffolds (ES modules importing './x.js'): set "module" and "moduleResolution" to "NodeNext", or "moduleResolution" to "Bundler" if a bundler builds your code`;
}
