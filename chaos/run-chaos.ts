/**
 * `npm run chaos [-- --profile ci|long --claims N --faults N --duration D --rate R --seed S --catch-up
 * <service> --keep]`: the fault campaign of issue 11 on an isolated platform of its own (private
 * PostgreSQL and NATS, the embedded chain, the six services supervised). Prints the report, writes it as
 * JSON (.stack/chaos-report.json) and exits 1 when any check failed, 2 when the campaign could not run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { repoRoot } from '#libs/testing';
import { runCampaign } from './campaign.js';
import { OptionsError, parseCampaignOptions, USAGE, type CampaignOptions } from './options.js';
import { Teardown } from './platform/teardown.js';
import { formatReport, reportJson } from './report/campaign-report.js';

const say = (line: string) => process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<number> {
  let options: CampaignOptions;
  try {
    options = parseCampaignOptions(process.argv.slice(2));
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
      say(`${signal}: stopping everything the campaign started…`);
      void teardown.run(say).finally(() => process.exit(130));
    });
  }
  try {
    const result = await runCampaign(options, teardown, aborted.signal, say);
    const path = isAbsolute(options.reportPath) ? options.reportPath : join(repoRoot(), options.reportPath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, reportJson(result));
    console.log(`\n${formatReport(result)}\nJSON report: ${path}`);
    return result.passed ? 0 : 1;
  } catch (error) {
    if (aborted.signal.aborted) return 130;
    if (error instanceof OptionsError) return refuse(error);
    console.error(
      `\nThe campaign could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 2;
  } finally {
    if (!aborted.signal.aborted && !teardown.empty) {
      say('Stopping the platform…');
      await teardown.run(say);
    }
  }
}

function refuse(error: unknown): number {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
