#!/usr/bin/env node
// `npm run fuzz -- --seed N --steps M`: the differential test (test/differential) with other seeds
// and more steps than `npm test` runs. --seed takes a list (1,2,3) or a range (10-20).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, steps: { type: 'string', default: '20' } } });
const seeds = values.seed.split(',').flatMap((part) => {
  const [from, to] = part.split('-').map(Number);
  return to === undefined ? [from] : Array.from({ length: to - from + 1 }, (_, index) => from + index);
});
if (seeds.some((seed) => !Number.isInteger(seed)) || !/^\d+$/.test(values.steps)) {
  console.error('usage: npm run fuzz -- --seed <n|n,m|from-to> --steps <count>');
  process.exit(2);
}
const result = spawnSync('npx', ['vitest', 'run', 'test/differential/differential.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, SECTIONS_FUZZ_SEEDS: seeds.join(','), SECTIONS_FUZZ_STEPS: values.steps },
});
process.exit(result.status ?? 1);
