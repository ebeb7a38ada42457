import { afterAll } from 'vitest';
import { dropDatabase, existingDatabases, FILE_TAG } from './pg.js';

// The suite cleans up after itself: a throwaway database this file created and did not drop fails
// the file (and is dropped).
afterAll(async () => {
  const left = await existingDatabases({ tag: FILE_TAG });
  for (const name of left) await dropDatabase(name);
  if (left.length > 0) throw new Error(`the tests of this file left databases on the server: ${left.join(', ')}`);
});
