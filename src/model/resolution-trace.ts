import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type ts from 'typescript';

/**
 * Everything TypeScript looked at on disk while resolving imports: the files it read (tsconfigs,
 * package.json files) by content hash, and what it asked about files and folders. When every
 * question still gets the same answer, resolving again would give the same files, so the answer
 * can be reused without loading the compiler.
 */
export interface ResolutionTrace {
  readonly reads: Record<string, string | null>;
  readonly files: Record<string, boolean>;
  readonly directories: Record<string, boolean>;
  readonly realpaths: Record<string, string>;
  readonly listings: Record<string, string>;
}

/** `sys` with every question it answers recorded. */
export function recordingSystem(sys: ts.System): { readonly sys: ts.System; trace(): ResolutionTrace } {
  const trace: ResolutionTrace = { reads: {}, files: {}, directories: {}, realpaths: {}, listings: {} };
  const recording: ts.System = {
    ...sys,
    readFile: (path, encoding) => {
      const content = sys.readFile(path, encoding);
      trace.reads[path] = content === undefined ? null : hash(content);
      return content;
    },
    fileExists: (path) => (trace.files[path] = sys.fileExists(path)),
    directoryExists: (path) => (trace.directories[path] = sys.directoryExists(path)),
    getDirectories: (path) => {
      const directories = sys.getDirectories(path);
      trace.listings[path] = JSON.stringify([...directories].sort());
      return directories;
    },
    ...(sys.realpath ? { realpath: (path: string) => (trace.realpaths[path] = sys.realpath!(path)) } : {}),
  };
  return { sys: recording, trace: () => trace };
}

/** Whether the disk still answers every recorded question as it did. */
export function traceHolds(trace: ResolutionTrace): boolean {
  return (
    Object.entries(trace.files).every(([path, exists]) => isFile(path) === exists) &&
    Object.entries(trace.directories).every(([path, exists]) => isDirectory(path) === exists) &&
    Object.entries(trace.reads).every(([path, expected]) => contentHash(path) === expected) &&
    Object.entries(trace.realpaths).every(([path, real]) => realpath(path) === real) &&
    Object.entries(trace.listings).every(([path, listing]) => JSON.stringify(directoriesIn(path)) === listing)
  );
}

export function hash(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

// The same answers ts.sys gives: a file is a regular file, a directory a directory, after symlinks.
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function contentHash(path: string): string | null {
  if (!existsSync(path)) return null;
  try {
    // ts.sys.readFile drops a byte order mark.
    return hash(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
}

function realpath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

function directoriesIn(path: string): string[] {
  try {
    return readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(`${path}/${entry.name}`)))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}
