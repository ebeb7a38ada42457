import { setFlagsFromString } from 'node:v8';

// The CLI owns its process, so it may tune V8 for it (the programmatic API never does): V8
// recompiling PGlite's hot WebAssembly with TurboFan costs a schema-sized workload far more than
// it gains. It must precede the module's compilation.
setFlagsFromString('--liftoff-only');

const { main } = await import('./main.js');
const code = await main(process.argv.slice(2));
// A failed run may leave a handle open that its error skipped closing (an embedded database, a
// timer): its result is printed and known, so the process ends now instead of hanging on it.
if (code === 0) process.exitCode = 0;
else process.exit(code);
