import { nodeFileSystem, type FileSystem } from '../../src/plan/file-system.js';

/** The real file system, except that the nth rename fails as a full disk would. */
export function failingOnRename(nth: number): FileSystem & { readonly renames: () => number } {
  let renames = 0;
  return {
    ...nodeFileSystem,
    rename: async (from, to) => {
      renames += 1;
      if (renames === nth) throw Object.assign(new Error('disk full'), { code: 'ENOSPC', path: to });
      return nodeFileSystem.rename(from, to);
    },
    renames: () => renames,
  };
}
