#!/usr/bin/env node
// Part of `npm run build`: packs PGlite's empty cluster into dist/ so that a first `sections
// generate` unpacks it instead of running initdb (see src/engine/empty-cluster.ts). Nothing to do
// when this PGlite version's archive is there already. A failure only warns: sections then runs
// initdb on first use, as it would without the archive.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterArchivePath, packCluster } from '../dist/engine/empty-cluster.js';
import { initialiseCluster } from '../dist/engine/pristine-cluster.js';
import { packageVersion } from '../dist/package-version.js';

const version = packageVersion('@electric-sql/pglite');
const archive = clusterArchivePath(version);
if (!existsSync(archive)) {
  const dir = await mkdtemp(join(tmpdir(), 'sections-empty-cluster-'));
  try {
    await initialiseCluster(join(dir, 'data'));
    await packCluster(join(dir, 'data'), archive);
  } catch (error) {
    console.warn(`sections: could not pack PGlite's empty cluster (${error.message}); first runs will run initdb instead`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
