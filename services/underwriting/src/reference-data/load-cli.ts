import { runLoadCli } from './run-load-cli.js';

/** `npm run reference:load -- <ncci|mue> <file>...` (see run-load-cli.ts for the usage). */
process.exitCode = await runLoadCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.env.INIT_CWD ?? process.cwd(),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
