import { setFlagsFromString } from 'node:v8';

// The CLI owns its process, so it may tune V8 for it (the programmatic API never does): V8
// recompiling PGlite's hot WebAssembly with TurboFan costs a schema-sized workload far more than
// it gains. It must precede the module's compilation.
setFlagsFromString('--liftoff-only');

const { createCli } = await import('./main.js');
const cli = createCli(process.argv.slice(2));

// A reader that went away (`sections generate | head -1`) ends nothing but the output: the
// command finishes and exits with its own code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') exit(cli.fatal(error));
  });
}
// A user module's timer or promise failing later is an internal error like any other: once, then exit.
process.on('uncaughtException', (error) => exit(cli.fatal(error)));
process.on('unhandledRejection', (error) => exit(cli.fatal(error)));

exit(await cli.run());

/**
 * Exits as soon as the output is flushed: a handle a user module left open (a pool, a timer)
 * must not keep the process alive after the command is done or has failed.
 */
function exit(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.destroyed || !stream.writable) done();
    else stream.write('', () => done());
  }
}
