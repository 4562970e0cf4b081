import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { repoRoot } from '#libs/testing';
import { OptionsError } from '../options.js';
import { Teardown } from './teardown.js';

/** A program that starts a platform of its own, runs against it, and reports (the fault campaign, the scale check). */
export interface ProgramSpec<Options extends { reportPath: string }, Result extends { passed: boolean }> {
  /** The log lines' tag, e.g. `chaos`. */
  tag: string;
  /** How a sentence names the run: "The campaign could not run". */
  what: string;
  usage: string;
  parse: (argv: string[]) => Options;
  run: (options: Options, teardown: Teardown, signal: AbortSignal, say: (line: string) => void) => Promise<Result>;
  json: (result: Result) => string;
  format: (result: Result) => string;
}

/**
 * Runs it as a CLI: refuses bad options with the usage (exit 2), stops everything it started on Ctrl-C
 * (a second one: at once), writes the JSON report, prints the report, and exits 0 when it passed, 1
 * when a check failed, 2 when it could not run.
 */
export function runProgram<Options extends { reportPath: string }, Result extends { passed: boolean }>(
  spec: ProgramSpec<Options, Result>,
): void {
  main(spec).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}

async function main<Options extends { reportPath: string }, Result extends { passed: boolean }>(
  spec: ProgramSpec<Options, Result>,
): Promise<number> {
  const say = (line: string) =>
    process.stdout.write(`[${spec.tag} ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const refuse = (error: unknown) => {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${spec.usage}`);
    return 2;
  };
  let options: Options;
  try {
    options = spec.parse(process.argv.slice(2));
  } catch (error) {
    return refuse(error);
  }
  const teardown = new Teardown();
  const aborted = new AbortController();
  process.once('exit', () => teardown.runNow());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (aborted.signal.aborted) {
        // A second Ctrl-C: no more waiting.
        teardown.runNow();
        process.exit(130);
      }
      aborted.abort();
      say(`${signal}: stopping everything ${spec.what.toLowerCase()} started…`);
      void teardown.run(say).finally(() => process.exit(130));
    });
  }
  try {
    const result = await spec.run(options, teardown, aborted.signal, say);
    const path = isAbsolute(options.reportPath) ? options.reportPath : join(repoRoot(), options.reportPath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, spec.json(result));
    console.log(`\n${spec.format(result)}\nJSON report: ${path}`);
    return result.passed ? 0 : 1;
  } catch (error) {
    if (aborted.signal.aborted) return 130;
    if (error instanceof OptionsError) return refuse(error);
    console.error(
      `\n${spec.what} could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 2;
  } finally {
    if (!aborted.signal.aborted && !teardown.empty) {
      say('Stopping the platform…');
      await teardown.run(say);
    }
  }
}
