import * as fs from 'node:fs/promises';

/** The few file operations the applier needs; injected so tests can make one of them fail. */
export interface FileSystem {
  readFile(path: string): Promise<string | undefined>;
  writeFile(path: string, content: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
  /** The names in a folder; none when it does not exist. */
  list(dir: string): Promise<string[]>;
}

export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    try {
      return await fs.readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  writeFile: (path, content) => fs.writeFile(path, content),
  rename: (from, to) => fs.rename(from, to),
  remove: (path) => fs.rm(path, { force: true }),
  mkdir: async (path) => {
    await fs.mkdir(path, { recursive: true });
  },
  list: (dir) => fs.readdir(dir).catch(() => []),
};
