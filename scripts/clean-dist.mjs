#!/usr/bin/env node
// Part of `npm run build`: removes what tsc emitted for source files that no longer exist, so a
// module deleted from src/ cannot be imported from dist/ by mistake. The packed PGlite cluster
// (an archive, not compiled output) stays.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
for (const entry of existsSync(dist) ? readdirSync(dist, { withFileTypes: true }) : []) {
  if (!entry.name.endsWith('.tar.gz')) rmSync(join(dist, entry.name), { recursive: true, force: true });
}
