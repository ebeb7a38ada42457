import { describe, expect, it } from 'vitest';
import { createTempProject } from '../helpers/temp-project.js';
import { runDifferential } from './run-differential.js';

/**
 * `npm test` runs these seeds; `npm run fuzz -- --seed N --steps M` runs others
 * (scripts/fuzz.mjs passes them as SECTIONS_FUZZ_SEEDS and SECTIONS_FUZZ_STEPS).
 */
const seeds = (process.env.SECTIONS_FUZZ_SEEDS ?? '1,2,3').split(',').map(Number);
const steps = Number(process.env.SECTIONS_FUZZ_STEPS ?? 6);

describe('differential: generate against drizzle-kit, drizzle\'s migrator and kysely-codegen, step by step', () => {
  // Each step boots nothing new but runs drizzle's migrator and kysely-codegen once per section.
  it.each(seeds)('seed %i', { timeout: 60_000 + steps * 30_000 }, async (seed) => {
    const project = createTempProject();
    process.env.SECTIONS_CACHE_DIR = project.path('.cache');
    const outcomes = await runDifferential(project, seed, steps);
    expect(outcomes).toHaveLength(steps + 1);
    // Printed so a run shows what it covered.
    console.log(outcomes.map((outcome) => `seed ${seed} step ${outcome.step}: ${outcome.description} → ${outcome.outcome}`).join('\n'));
  });
});
