import type { Dirent } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * A cluster is about a thousand small files: copied one after the other, each waits on the disk
 * in turn, which is most of the cost (`fs.cp` does that, and checks every file on top).
 */
const CONCURRENT_COPIES = 16;

const VERSION_FILE = 'PG_VERSION';

/**
 * Copies a PGlite cluster, a tree of directories and regular files, into `to` (created when
 * missing; what a killed copy left there is overwritten), files and directories with their modes.
 * `PG_VERSION`, which marks a whole cluster wherever one is looked for, is copied last.
 */
export async function copyCluster(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const inside = (entry: Dirent) => relative(from, join(entry.parentPath, entry.name));
  const odd = entries.find((entry) => !entry.isDirectory() && !entry.isFile());
  if (odd) throw new Error(`${join(odd.parentPath, odd.name)}: a cluster holds only directories and regular files`);
  await mkdir(to, { recursive: true, mode: (await stat(from)).mode });
  // Sorted, a directory comes before what it holds.
  for (const dir of entries.filter((entry) => entry.isDirectory()).map(inside).sort()) {
    await mkdir(join(to, dir), { recursive: true, mode: (await stat(join(from, dir))).mode });
  }
  const files = entries.filter((entry) => entry.isFile()).map(inside).filter((file) => file !== VERSION_FILE);
  let next = 0;
  const copyNext = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++]!;
      // copyFile gives the copy the original's mode.
      await copyFile(join(from, file), join(to, file));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_COPIES }, copyNext));
  await copyFile(join(from, VERSION_FILE), join(to, VERSION_FILE));
}
