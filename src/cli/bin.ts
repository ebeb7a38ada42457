import { setFlagsFromString } from 'node:v8';

// The CLI owns its process, so it may tune V8 for it (the programmatic API never does): V8
// recompiling PGlite's hot WebAssembly with TurboFan costs a schema-sized workload far more than
// it gains. It must precede the module's compilation.
setFlagsFromString('--liftoff-only');

const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2));
