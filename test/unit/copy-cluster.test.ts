import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyCluster } from '../../src/engine/copy-cluster.js';
import { tempDir } from '../helpers/temp-project.js';

/** Every directory and file under `dir`: its path, mode, and content for files. */
function treeOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      const mode = (statSync(path).mode & 0o777).toString(8);
      return `${relative(dir, path)} ${mode}${entry.isFile() ? ` ${readFileSync(path, 'utf8')}` : '/'}`;
    })
    .sort();
}

/** A small tree shaped like a cluster: a version file, databases' files in nested directories, an empty directory. */
function clusterLike(): string {
  const dir = join(tempDir('cluster-'), 'source');
  for (const sub of ['base/1', 'base/5', 'global', 'pg_wal/archive_status']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'PG_VERSION'), '17\n');
  for (let i = 0; i < 60; i += 1) writeFileSync(join(dir, 'base', i % 2 ? '1' : '5', String(1000 + i)), `relation ${i}`);
  writeFileSync(join(dir, 'global/pg_control'), 'control');
  chmodSync(join(dir, 'global/pg_control'), 0o600);
  chmodSync(join(dir, 'base/5'), 0o700);
  return dir;
}

describe('copying a cluster', () => {
  it('copies every directory and file with its mode and content', async () => {
    const source = clusterLike();
    const target = join(source, '..', 'copy');
    await copyCluster(source, target);
    expect(treeOf(target)).toEqual(treeOf(source));
    expect(treeOf(target)).toContain('global/pg_control 600 control');
    expect(treeOf(target)).toContain('base/5 700/');
  });

  it('completes what a killed copy left: missing files and PG_VERSION come back, stale ones are overwritten', async () => {
    const source = clusterLike();
    const target = join(source, '..', 'copy');
    await copyCluster(source, target);
    rmSync(join(target, 'PG_VERSION'));
    rmSync(join(target, 'base/1'), { recursive: true });
    writeFileSync(join(target, 'base/5/1000'), 'half written');
    await copyCluster(source, target);
    expect(treeOf(target)).toEqual(treeOf(source));
  });

  it('refuses a tree that holds anything but directories and regular files, naming it', async () => {
    const source = clusterLike();
    symlinkSync(join(source, 'global'), join(source, 'pg_tblspc'));
    await expect(copyCluster(source, join(source, '..', 'copy'))).rejects.toThrow(`${join(source, 'pg_tblspc')}: a cluster holds only directories and regular files`);
  });
});
