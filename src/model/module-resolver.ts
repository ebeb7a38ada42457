import { dirname, resolve } from 'node:path';
import type ts from 'typescript';
import { typescript } from '../commonjs-packages.js';
import { UserError } from '../errors.js';
import { recordingSystem, type ResolutionTrace } from './resolution-trace.js';

/** Which file an import names, decided by TypeScript itself. */
export interface ModuleResolver {
  /** The module specifiers a source file imports, re-exports, `import()`s or `require()`s. */
  importsOf(text: string): string[];
  /** The file `specifier` resolves to from `fromFile` (absolute), or undefined (a package without types, a typo). */
  resolve(specifier: string, fromFile: string): string | undefined;
  /** What TypeScript looked at on disk so far. */
  trace(): ResolutionTrace;
}

/** What tsc assumes for a project without a tsconfig: modern ESM with a bundler's resolution (exports, extensionless). */
const WITHOUT_TSCONFIG = { moduleResolution: 'bundler', module: 'esnext', allowJs: true } as const;

/**
 * Each file is resolved with the options of the tsconfig.json nearest to it (as an editor picks
 * it), `extends` included: its `paths`, `baseUrl`, `moduleResolution` (package `exports` under
 * node16/nodenext/bundler) and `.js` specifiers naming `.ts` files. TypeScript is loaded here,
 * only when there are feature files to look at.
 */
export async function createModuleResolver(rootDir: string): Promise<ModuleResolver> {
  const compiler = loadTypescript();
  const recording = recordingSystem(compiler.sys);
  const host: ts.ModuleResolutionHost = recording.sys;
  const byTsconfig = new Map<string, { options: ts.CompilerOptions; cache: ts.ModuleResolutionCache }>();
  const tsconfigByDir = new Map<string, string | undefined>();

  const settingsFor = (file: string) => {
    const dir = dirname(file);
    if (!tsconfigByDir.has(dir)) tsconfigByDir.set(dir, compiler.findConfigFile(dir, recording.sys.fileExists));
    const tsconfig = tsconfigByDir.get(dir) ?? '';
    let settings = byTsconfig.get(tsconfig);
    if (!settings) {
      const options = tsconfig ? readCompilerOptions(compiler, recording.sys, tsconfig) : compiler.convertCompilerOptionsFromJson(WITHOUT_TSCONFIG, rootDir).options;
      settings = { options, cache: compiler.createModuleResolutionCache(rootDir, (name) => name, options) };
      byTsconfig.set(tsconfig, settings);
    }
    return settings;
  };

  return {
    importsOf: (text) => compiler.preProcessFile(text, true, true).importedFiles.map((imported) => imported.fileName),
    resolve: (specifier, fromFile) => {
      const { options, cache } = settingsFor(fromFile);
      const mode = compiler.getImpliedNodeFormatForFile(fromFile as ts.Path, cache.getPackageJsonInfoCache(), host, options);
      const resolved = compiler.resolveModuleName(specifier, fromFile, options, host, cache, undefined, mode).resolvedModule;
      return resolved ? resolve(resolved.resolvedFileName) : undefined;
    },
    trace: recording.trace,
  };
}

/** The compiler options a tsconfig (and what it extends) sets; its file list is not needed, so not enumerated. */
function readCompilerOptions(compiler: typeof ts, sys: ts.System, tsconfig: string): ts.CompilerOptions {
  const host: ts.ParseConfigFileHost = {
    ...sys,
    readDirectory: () => [],
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new UserError(`${tsconfig}: ${compiler.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
    },
  };
  const parsed = compiler.getParsedCommandLineOfConfigFile(tsconfig, undefined, host);
  // A tsconfig tsc cannot read at all is reported above; other complaints (no input files) are tsc's business.
  return parsed?.options ?? {};
}

function loadTypescript(): typeof ts {
  try {
    return typescript();
  } catch {
    throw new UserError('checking imports between sections needs the typescript package, which this project does not have: npm install --save-dev typescript@5');
  }
}
