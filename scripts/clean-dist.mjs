#!/usr/bin/env node
// First step of `npm run build`: removes what an earlier build compiled, so a module renamed or
// deleted in src/ is not left behind in dist/ to be packed and published. PGlite's packed empty
// cluster stays: it depends only on PGlite's version (see scripts/pack-empty-cluster.mjs).
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const kept = /^pglite-.+-empty-cluster\.tar\.gz$/;
const entries = await readdir(dist).catch(() => []);
await Promise.all(entries.filter((name) => !kept.test(name)).map((name) => rm(join(dist, name), { recursive: true, force: true })));
