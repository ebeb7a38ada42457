import { main } from './main.js';

const code = await main(process.argv.slice(2));
// A failed run may leave a handle open that its error skipped closing (an embedded database, a
// timer): its result is printed and known, so the process ends now instead of hanging on it.
if (code === 0) process.exitCode = 0;
else process.exit(code);
