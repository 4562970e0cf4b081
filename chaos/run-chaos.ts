/**
 * `npm run chaos [-- --profile ci|long --claims N --faults N --duration D --rate R --seed S --catch-up
 * <service> --keep]`: the fault campaign of issue 11 on an isolated platform of its own (private
 * PostgreSQL and NATS, the embedded chain, the six services supervised). Prints the report, writes it as
 * JSON (.stack/chaos-report.json) and exits 1 when any check failed, 2 when the campaign could not run.
 */
import { runCampaign } from './campaign.js';
import { parseCampaignOptions, USAGE } from './options.js';
import { runProgram } from './platform/run-program.js';
import { formatReport, reportJson } from './report/campaign-report.js';

runProgram({
  tag: 'chaos',
  what: 'The campaign',
  usage: USAGE,
  parse: (argv) => parseCampaignOptions(argv),
  run: runCampaign,
  json: reportJson,
  format: formatReport,
});
